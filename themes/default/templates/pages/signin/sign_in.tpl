{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/sign_in: e-mail and password.
  Dictionary contract (PAGE include dictionary; CSRF_TOKEN is template-global):
    EMAIL      the address typed before (after an error)
    RETURN_TO  same-origin path to go to after signing in
    SIGN_UP    section shown when self-registration is open
}}<section class="narrow stack" aria-labelledby="signin-title">
<h1 id="signin-title">[[t:signin.title]]</h1>
<form class="form card" method="post" action="/sign-in">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="return_to" value="{{RETURN_TO}}">
<div class="form__field">
<label for="signin-email">[[t:signin.email]]</label>
<input id="signin-email" name="email" type="email" autocomplete="username" required maxlength="254" value="{{EMAIL}}">
</div>
<div class="form__field">
<label for="signin-password">[[t:signin.password]]</label>
<input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
</div>
<div class="form__actions">
<button class="button" type="submit">[[t:signin.submit]]</button>
<a href="/password/forgot">[[t:signin.forgot]]</a>
</div>
</form>
{{#SIGN_UP}}<p>[[t:signin.no_account]] <a href="/sign-up">[[t:signin.sign_up]]</a></p>{{/SIGN_UP}}
</section>
