{{%AUTOESCAPE context="HTML"}}
{{!
  pages/organisation/invitation: accepting an invitation from its e-mailed link.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    TOKEN          the single-use token from the link (sent back in a hidden field)
    EMAIL          the invited address (the account's sign-in name)
    ORGANISATION   the organisation joined; empty for staff
    HAS_ORGANISATION  section: ORGANISATION is set
    DISPLAY_NAME   the name shown in the field
}}<section class="narrow stack" aria-labelledby="invitation-title">
<h1 id="invitation-title">[[t:organisation.invitation.heading]]</h1>
{{#HAS_ORGANISATION}}<p>[[t:organisation.invitation.joining]] <strong>{{ORGANISATION}}</strong></p>{{/HAS_ORGANISATION}}
<form class="form card" method="post" action="/invitation">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<p class="form__hint">[[t:organisation.invitation.email]] <strong>{{EMAIL}}</strong></p>
<div class="form__field">
<label for="invitation-name">[[t:organisation.invitation.name]]</label>
<input id="invitation-name" name="display_name" type="text" value="{{DISPLAY_NAME}}" maxlength="100" required autocomplete="name">
</div>
<div class="form__field">
<label for="invitation-password">[[t:organisation.invitation.password]]</label>
<input id="invitation-password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="1024" aria-describedby="invitation-password-hint">
<p class="form__hint" id="invitation-password-hint">[[t:auth.password_rules]]</p>
</div>
<div class="form__field">
<label for="invitation-password-confirm">[[t:organisation.invitation.password_confirm]]</label>
<input id="invitation-password-confirm" name="password_confirm" type="password" autocomplete="new-password" required minlength="12" maxlength="1024">
</div>
<div class="form__actions"><button class="button" type="submit">[[t:organisation.invitation.submit]]</button></div>
</form>
</section>
