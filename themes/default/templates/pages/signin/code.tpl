{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/code: the second step of sign-in (authenticator code or recovery code).
  Dictionary contract (PAGE include dictionary; CSRF_TOKEN is template-global):
    RETURN_TO  same-origin path to go to afterwards
}}<section class="narrow stack" aria-labelledby="code-title">
<h1 id="code-title">[[t:signin.code.title]]</h1>
<p>[[t:signin.code.text]]</p>
<form class="form card" method="post" action="/sign-in/code">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="return_to" value="{{RETURN_TO}}">
<div class="form__field">
<label for="signin-code">[[t:signin.code.label]]</label>
<input id="signin-code" name="code" type="text" autocomplete="one-time-code" required maxlength="64" autofocus aria-describedby="signin-code-hint">
<p class="form__hint" id="signin-code-hint">[[t:signin.code.hint]]</p>
</div>
<div class="form__actions">
<button class="button" type="submit">[[t:signin.code.submit]]</button>
</div>
</form>
<form method="post" action="/sign-out"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="button button--link" type="submit">[[t:signin.code.cancel]]</button></form>
</section>
