{{%AUTOESCAPE context="HTML"}}
{{!
  pages/mfa/status: two-step verification for the signed-in user, included as PAGE.
  Exactly one of MFA_OFF, MFA_PENDING, MFA_ON is shown.

  Dictionary contract (the PAGE include dictionary):
    REQUIRED          section: MFA is mandatory for this user
                        REQUIRED_TEXT   translated explanation (staff or organisation)
    MFA_OFF           section: not set up; offers to start
    MFA_PENDING       section: set-up started, waiting for the first code
                        QR_SVG          inline SVG markup from render::qr_svg (trusted, emitted unescaped)
                        SECRET          the base32 secret (data attribute, for tests and tools)
                        SECRET_GROUPS   the same secret in groups of four, to type by hand
    MFA_ON            section: on
                        CODES_LEFT      translated sentence: recovery codes left
                        CODES_LOW       section: three or fewer codes left
                        CAN_DISABLE     section: the user may turn MFA off (not required of them)
}}<section class="narrow stack" aria-labelledby="mfa-title">
<h1 id="mfa-title">[[t:mfa.heading]]</h1>
<p>[[t:mfa.intro]]</p>
{{#REQUIRED}}<p class="card" id="mfa-required">{{REQUIRED_TEXT}}</p>{{/REQUIRED}}
{{#MFA_OFF}}
<p><span class="badge badge--warn">[[t:mfa.state.off]]</span></p>
<form class="form" method="post" action="/account/mfa/setup">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="mfa-setup-password">[[t:mfa.password_label]]</label>
<input id="mfa-setup-password" name="password" type="password" autocomplete="current-password" required>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:mfa.off.setup]]</button></div>
</form>
{{/MFA_OFF}}
{{#MFA_PENDING}}
<p><span class="badge badge--warn">[[t:mfa.state.pending]]</span></p>
<h2>[[t:mfa.pending.scan_title]]</h2>
<p>[[t:mfa.pending.scan_text]]</p>
<div class="qr">{{QR_SVG:none}}</div>
<p>[[t:mfa.pending.secret_text]]</p>
<p><code class="secret" id="mfa-secret" data-secret="{{SECRET}}">{{SECRET_GROUPS}}</code></p>
<h2>[[t:mfa.pending.confirm_title]]</h2>
<form class="form" method="post" action="/account/mfa/confirm">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="mfa-code">[[t:mfa.pending.code_label]]</label>
<input id="mfa-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8" required aria-describedby="mfa-code-hint">
<p class="form__hint" id="mfa-code-hint">[[t:mfa.pending.code_hint]]</p>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:mfa.pending.confirm]]</button></div>
</form>
<form class="form" method="post" action="/account/mfa/setup">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:mfa.pending.restart_hint]]</p>
<div class="form__field">
<label for="mfa-restart-password">[[t:mfa.password_label]]</label>
<input id="mfa-restart-password" name="password" type="password" autocomplete="current-password" required>
</div>
<div class="form__actions"><button class="button button--secondary" type="submit">[[t:mfa.pending.restart]]</button></div>
</form>
{{/MFA_PENDING}}
{{#MFA_ON}}
<p><span class="badge badge--ok">[[t:mfa.state.on]]</span></p>
<h2>[[t:mfa.on.codes_title]]</h2>
<p id="mfa-codes-left">{{CODES_LEFT}}</p>
{{#CODES_LOW}}<p class="form__error">[[t:mfa.on.codes_low]]</p>{{/CODES_LOW}}
<form class="form" method="post" action="/account/mfa/recovery-codes">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="mfa-regenerate-password">[[t:mfa.password_label]]</label>
<input id="mfa-regenerate-password" name="password" type="password" autocomplete="current-password" required>
<p class="form__hint">[[t:mfa.on.regenerate_hint]]</p>
</div>
<div class="form__actions"><button class="button button--secondary" type="submit">[[t:mfa.on.regenerate]]</button></div>
</form>
{{#CAN_DISABLE}}
<h2>[[t:mfa.on.disable_title]]</h2>
<form class="form" method="post" action="/account/mfa/disable">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="mfa-disable-password">[[t:mfa.password_label]]</label>
<input id="mfa-disable-password" name="password" type="password" autocomplete="current-password" required>
<p class="form__hint">[[t:mfa.on.disable_hint]]</p>
</div>
<div class="form__actions"><button class="button button--danger" type="submit">[[t:mfa.on.disable]]</button></div>
</form>
{{/CAN_DISABLE}}
{{/MFA_ON}}
</section>
