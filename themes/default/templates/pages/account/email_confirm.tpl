{{%AUTOESCAPE context="HTML"}}
{{!
  pages/account/email_confirm: the page behind the link mailed to a new
  address. The link only shows a button: following it (mail scanners fetch
  links) changes nothing; the POST does.

  Dictionary contract (the PAGE include dictionary):
    CSRF_TOKEN  (template-global) the form's token
    VALID       section: the link can be used
                  QUESTION  translated sentence naming the new address
                  TOKEN     the link's token, posted back
    INVALID     section: unknown, used or expired link
    DONE        section: the address was changed
}}<section class="stack narrow" aria-labelledby="confirm-title">
<h1 id="confirm-title">[[t:account.email_confirm.heading]]</h1>
{{#VALID}}<p>{{QUESTION}}</p>
<form class="form" method="post" action="/account/email/confirm">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<div class="form__actions"><button class="button" type="submit">[[t:account.email_confirm.submit]]</button></div>
</form>{{/VALID}}
{{#INVALID}}<p>[[t:account.email_confirm.invalid]]</p>
<p><a href="/account/security">[[t:account.email_confirm.try_again]]</a></p>{{/INVALID}}
{{#DONE}}<p>[[t:account.email_confirm.done]]</p>
<p><a class="button" href="/account/security">[[t:account.email_confirm.continue]]</a></p>{{/DONE}}
</section>
