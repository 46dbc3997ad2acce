{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/reset: a new password from the e-mailed link.
  Dictionary contract (PAGE include dictionary; CSRF_TOKEN is template-global):
    TOKEN  the single-use token from the link (sent back in a hidden field)
}}<section class="narrow stack" aria-labelledby="reset-title">
<h1 id="reset-title">[[t:reset.title]]</h1>
<form class="form card" method="post" action="/password/reset">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="form__field">
<label for="reset-password">[[t:reset.password]]</label>
<input id="reset-password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="1024" aria-describedby="reset-password-hint">
<p class="form__hint" id="reset-password-hint">[[t:auth.password_rules]]</p>
</div>
<div class="form__field">
<label for="reset-password-confirm">[[t:reset.password_confirm]]</label>
<input id="reset-password-confirm" name="password_confirm" type="password" autocomplete="new-password" required minlength="12" maxlength="1024">
</div>
<p class="form__hint">[[t:reset.mfa_note]]</p>
<div class="form__actions">
<button class="button" type="submit">[[t:reset.submit]]</button>
</div>
</form>
</section>
