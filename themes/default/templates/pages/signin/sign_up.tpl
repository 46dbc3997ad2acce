{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/sign_up: self-registration.
  Dictionary contract (PAGE include dictionary; CSRF_TOKEN is template-global):
    EMAIL, NAME, ORGANISATION  values typed before (after an error); never the password
}}<section class="narrow stack" aria-labelledby="signup-title">
<h1 id="signup-title">[[t:signup.title]]</h1>
<p>[[t:signup.text]]</p>
<form class="form card" method="post" action="/sign-up">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="signup-name">[[t:signup.name]]</label>
<input id="signup-name" name="name" type="text" autocomplete="name" required maxlength="100" value="{{NAME}}">
</div>
<div class="form__field">
<label for="signup-email">[[t:signup.email]]</label>
<input id="signup-email" name="email" type="email" autocomplete="email" required maxlength="254" value="{{EMAIL}}">
</div>
<div class="form__field">
<label for="signup-organisation">[[t:signup.organisation]]</label>
<input id="signup-organisation" name="organisation" type="text" autocomplete="organization" maxlength="150" value="{{ORGANISATION}}" aria-describedby="signup-organisation-hint">
<p class="form__hint" id="signup-organisation-hint">[[t:signup.organisation_hint]]</p>
</div>
<div class="form__field">
<label for="signup-password">[[t:signup.password]]</label>
<input id="signup-password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="1024" aria-describedby="signup-password-hint">
<p class="form__hint" id="signup-password-hint">[[t:auth.password_rules]]</p>
</div>
<div class="form__field">
<label for="signup-password-confirm">[[t:signup.password_confirm]]</label>
<input id="signup-password-confirm" name="password_confirm" type="password" autocomplete="new-password" required minlength="12" maxlength="1024">
</div>
<div class="form__actions">
<button class="button" type="submit">[[t:signup.submit]]</button>
</div>
</form>
<p>[[t:signup.have_account]] <a href="/sign-in">[[t:signin.title]]</a></p>
</section>
