{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/forgot: asks for a password reset link.
  Dictionary contract (PAGE include dictionary; CSRF_TOKEN is template-global):
    EMAIL  the address typed before (after an error)
}}<section class="narrow stack" aria-labelledby="forgot-title">
<h1 id="forgot-title">[[t:forgot.title]]</h1>
<p>[[t:forgot.text]]</p>
<form class="form card" method="post" action="/password/forgot">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="forgot-email">[[t:signin.email]]</label>
<input id="forgot-email" name="email" type="email" autocomplete="email" required maxlength="254" value="{{EMAIL}}">
</div>
<div class="form__actions">
<button class="button" type="submit">[[t:forgot.submit]]</button>
<a href="/sign-in">[[t:signin.title]]</a>
</div>
</form>
</section>
