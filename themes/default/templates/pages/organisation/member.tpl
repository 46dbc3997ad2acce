{{%AUTOESCAPE context="HTML"}}
{{!
  pages/organisation/member: one member's role, visibility and status.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    NAME, EMAIL, STATUS   the member (STATUS translated)
    FORM_ACTION           POST target of the form
    BACK_URL              the member list
    ROLE_CUSTOMER_SELECTED, ROLE_ORG_ADMIN_SELECTED     sections: the current role
    VIS_OWN_SELECTED, VIS_ORGANISATION_SELECTED         sections: the current visibility
    ACTIVE_SELECTED, INACTIVE_SELECTED                  sections: the current status
    PENDING               section: invited, has not accepted yet
    SELF                  section: the visitor's own entry (role and status cannot change)
}}<section class="narrow stack" aria-labelledby="member-title">
<h1 id="member-title">{{NAME}}</h1>
<p><a href="{{BACK_URL}}">[[t:organisation.member.back]]</a></p>
<dl>
<dt>[[t:organisation.members.email]]</dt><dd>{{EMAIL}}</dd>
<dt>[[t:organisation.members.status]]</dt><dd>{{STATUS}}</dd>
</dl>
{{#PENDING}}<p class="form__hint">[[t:organisation.member.pending_hint]]</p>{{/PENDING}}
<form class="form card" method="post" action="{{FORM_ACTION}}">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="member-role">[[t:organisation.members.role]]</label>
<select id="member-role" name="role"{{#SELF}} aria-describedby="member-self-hint"{{/SELF}}>
<option value="customer"{{#ROLE_CUSTOMER_SELECTED}} selected{{/ROLE_CUSTOMER_SELECTED}}>[[t:organisation.role.customer]]</option>
<option value="org_admin"{{#ROLE_ORG_ADMIN_SELECTED}} selected{{/ROLE_ORG_ADMIN_SELECTED}}>[[t:organisation.role.org_admin]]</option>
</select>
{{#SELF}}<p class="form__hint" id="member-self-hint">[[t:organisation.member.self_hint]]</p>{{/SELF}}
</div>
<div class="form__field">
<label for="member-visibility">[[t:organisation.members.visibility]]</label>
<select id="member-visibility" name="visibility" aria-describedby="member-visibility-hint">
<option value="own"{{#VIS_OWN_SELECTED}} selected{{/VIS_OWN_SELECTED}}>[[t:organisation.visibility.own]]</option>
<option value="organisation"{{#VIS_ORGANISATION_SELECTED}} selected{{/VIS_ORGANISATION_SELECTED}}>[[t:organisation.visibility.organisation]]</option>
</select>
<p class="form__hint" id="member-visibility-hint">[[t:organisation.visibility.hint]]</p>
</div>
<div class="form__field">
<label for="member-active">[[t:organisation.members.status]]</label>
<select id="member-active" name="active" aria-describedby="member-active-hint">
<option value="1"{{#ACTIVE_SELECTED}} selected{{/ACTIVE_SELECTED}}>[[t:organisation.status.active]]</option>
<option value="0"{{#INACTIVE_SELECTED}} selected{{/INACTIVE_SELECTED}}>[[t:organisation.status.inactive]]</option>
</select>
<p class="form__hint" id="member-active-hint">[[t:organisation.member.active_hint]]</p>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:organisation.member.submit]]</button></div>
</form>
</section>
