{{%AUTOESCAPE context="HTML"}}
{{!
  pages/admin/user: one account; admins change its role and status and can
  end all of its sessions.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    ID, NAME, EMAIL, ROLE, STATUS, MFA   the account (ROLE, STATUS, MFA translated)
    ORGANISATION   section for contacts: ORG_ID, ORG_NAME
    MANAGE         section, admins only:
                     ROLE_CHOICE       repeated: CODE, LABEL, SELECTED (section) — roles of the same kind
                     ACTIVE_SELECTED, INACTIVE_SELECTED   sections
                     SELF              section: the admin's own account
}}<section class="narrow stack" aria-labelledby="user-title">
<h1 id="user-title">{{NAME}}</h1>
<p><a href="/admin/users">[[t:admin.user.back]]</a></p>
<dl>
<dt>[[t:admin.users.email]]</dt><dd>{{EMAIL}}</dd>
<dt>[[t:admin.users.role]]</dt><dd>{{ROLE}}</dd>
{{#ORGANISATION}}<dt>[[t:admin.users.organisation]]</dt><dd><a href="/admin/organisations/{{ORG_ID}}">{{ORG_NAME}}</a></dd>{{/ORGANISATION}}
<dt>[[t:admin.users.status]]</dt><dd>{{STATUS}}</dd>
<dt>[[t:admin.user.mfa]]</dt><dd>{{MFA}}</dd>
</dl>
{{#MANAGE}}<form class="form card" method="post" action="/admin/users/{{ID}}" aria-labelledby="user-manage-title">
<h2 id="user-manage-title">[[t:admin.user.manage_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#SELF}}<p class="form__hint">[[t:admin.user.self_hint]]</p>{{/SELF}}
<div class="form__field">
<label for="user-role">[[t:admin.users.role]]</label>
<select id="user-role" name="role">
{{#ROLE_CHOICE}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE_CHOICE}}</select>
</div>
<div class="form__field">
<label for="user-active">[[t:admin.users.status]]</label>
<select id="user-active" name="active">
<option value="1"{{#ACTIVE_SELECTED}} selected{{/ACTIVE_SELECTED}}>[[t:organisation.status.active]]</option>
<option value="0"{{#INACTIVE_SELECTED}} selected{{/INACTIVE_SELECTED}}>[[t:organisation.status.inactive]]</option>
</select>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:admin.user.save]]</button></div>
</form>
<form class="form card" method="post" action="/admin/users/{{ID}}/end-sessions" aria-labelledby="user-sessions-title">
<h2 id="user-sessions-title">[[t:admin.user.sessions_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:admin.user.sessions_hint]]</p>
<div class="form__actions"><button class="button button--danger" type="submit">[[t:admin.user.end_sessions]]</button></div>
</form>{{/MANAGE}}
</section>
