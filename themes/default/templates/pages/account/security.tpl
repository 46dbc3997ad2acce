{{%AUTOESCAPE context="HTML"}}
{{!
  pages/account/security: password change, e-mail address change, and the
  two-step verification status with a link to its own pages.

  Dictionary contract (the PAGE include dictionary):
    ACCOUNT_NAV      include: pages/account/nav
    CSRF_TOKEN       (template-global) the forms' token
    EMAIL            the current address
    NEW_EMAIL        the new address as typed (after a refused request)
    PASSWORD_ERROR   section with MESSAGE: why the password change was refused
    EMAIL_ERROR      section with MESSAGE: why the address change was refused
    MFA_ON / MFA_OFF sections: two-step verification is (not) set up
    MFA_REQUIRED     section: the account must use it (staff, or the organisation asks)
}}<section class="stack" aria-labelledby="security-title">
<h1 id="security-title">[[t:account.security.heading]]</h1>
{{>ACCOUNT_NAV}}
<section class="card stack" aria-labelledby="password-title">
<h2 id="password-title">[[t:account.security.password.heading]]</h2>
{{#PASSWORD_ERROR}}<p class="form__error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<form class="form" method="post" action="/account/password">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="current_password">[[t:account.security.password.current]]</label>
<input id="current_password" name="current_password" type="password" required autocomplete="current-password"{{#PASSWORD_ERROR}} aria-describedby="password-error"{{/PASSWORD_ERROR}}>
</div>
<div class="form__field">
<label for="new_password">[[t:account.security.password.new]]</label>
<input id="new_password" name="new_password" type="password" required minlength="12" autocomplete="new-password" aria-describedby="new_password-hint">
<p class="form__hint" id="new_password-hint">[[t:account.security.password.hint]]</p>
</div>
<div class="form__field">
<label for="new_password_confirm">[[t:account.security.password.confirm]]</label>
<input id="new_password_confirm" name="new_password_confirm" type="password" required minlength="12" autocomplete="new-password">
</div>
<p class="form__hint">[[t:account.security.password.sessions_note]]</p>
<div class="form__actions"><button class="button" type="submit">[[t:account.security.password.submit]]</button></div>
</form>
</section>
<section class="card stack" aria-labelledby="email-title">
<h2 id="email-title">[[t:account.security.email.heading]]</h2>
<p>[[t:account.security.email.current]] <strong>{{EMAIL}}</strong></p>
{{#EMAIL_ERROR}}<p class="form__error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
<form class="form" method="post" action="/account/email">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="new_email">[[t:account.security.email.new]]</label>
<input id="new_email" name="new_email" type="email" value="{{NEW_EMAIL}}" required maxlength="254" autocomplete="email" aria-describedby="new_email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}">
<p class="form__hint" id="new_email-hint">[[t:account.security.email.hint]]</p>
</div>
<div class="form__field">
<label for="email_password">[[t:account.security.email.password]]</label>
<input id="email_password" name="password" type="password" required autocomplete="current-password">
</div>
<div class="form__actions"><button class="button" type="submit">[[t:account.security.email.submit]]</button></div>
</form>
</section>
<section class="card stack" aria-labelledby="mfa-title">
<h2 id="mfa-title">[[t:account.security.mfa.heading]]</h2>
<p>[[t:account.security.mfa.status]] {{#MFA_ON}}<span class="badge badge--ok" data-mfa="on">[[t:account.security.mfa.on]]</span>{{/MFA_ON}}{{#MFA_OFF}}<span class="badge badge--warn" data-mfa="off">[[t:account.security.mfa.off]]</span>{{/MFA_OFF}}</p>
{{#MFA_REQUIRED}}<p class="form__hint">[[t:account.security.mfa.required]]</p>{{/MFA_REQUIRED}}
<p><a class="button button--secondary" href="/account/mfa">{{#MFA_ON}}[[t:account.security.mfa.manage]]{{/MFA_ON}}{{#MFA_OFF}}[[t:account.security.mfa.set_up]]{{/MFA_OFF}}</a></p>
</section>
</section>
