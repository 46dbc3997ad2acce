{{%AUTOESCAPE context="HTML"}}
{{!
  pages/organisation/members: the members of one organisation, the form to
  invite a contact and the organisation's MFA setting. Shown to its org admins
  (/organisation/members) and to staff (/admin/organisations/{id}).

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    HEADING          "Members of <organisation>", translated
    STAFF_VIEW       section, staff only: SLUG, MEMBER_COUNT (a link back to the organisations),
                       STATUS (translated), INACTIVE (section: the organisation is deactivated),
                       MANAGE_ORGANISATION (section, admins only):
                         RENAME_ACTION, NAME (current or as typed), RENAME_ERROR (section with MESSAGE),
                         STATUS_URL (the confirmation page), CAN_DEACTIVATE / CAN_REACTIVATE (sections)
    MEMBER           repeated section, sorted by name:
                       ID, NAME, EMAIL, ROLE (translated), STATUS (translated),
                       VISIBILITY (translated), VISIBILITY_CODE (own | organisation),
                       MANAGE_URL (the member's page), SELF (section: the visitor)
    NO_MEMBERS       section: the organisation has nobody yet
    INVITE           section: the invite form is shown (the organisation is active)
    INVITE_ACTION    POST target of the invite form
    INVITE_EMAIL, INVITE_NAME   the values typed (after a refusal)
    ROLE_CUSTOMER_SELECTED, ROLE_ORG_ADMIN_SELECTED      sections: the role chosen
    VIS_OWN_SELECTED, VIS_ORGANISATION_SELECTED          sections: the visibility chosen
    LANGUAGE_CHOICE  repeated section: CODE, NAME, SELECTED (section)
    INVITE_ERROR     section with MESSAGE: why the invitation was refused
    SETTINGS_ACTION  POST target of the settings form
    REQUIRE_MFA      section: contacts must use two-step verification
}}<section class="stack" aria-labelledby="members-title">
<h1 id="members-title">{{HEADING}}</h1>
{{#STAFF_VIEW}}<p><a href="/admin/organisations">[[t:admin.organisations.back]]</a> · [[t:admin.organisations.slug]] <code>{{SLUG}}</code> · [[t:admin.organisations.status]] <span data-organisation-status>{{STATUS}}</span></p>
{{#INACTIVE}}<p class="banner banner--error">[[t:admin.organisation.inactive_notice]]</p>{{/INACTIVE}}
{{#MANAGE_ORGANISATION}}<div class="card stack">
<form class="form" method="post" action="{{RENAME_ACTION}}" aria-labelledby="rename-title">
<h2 id="rename-title">[[t:admin.organisation.rename_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#RENAME_ERROR}}<p class="form__error" id="rename-error">{{MESSAGE}}</p>{{/RENAME_ERROR}}
<div class="form__field">
<label for="rename-name">[[t:admin.organisations.name]]</label>
<input id="rename-name" name="name" type="text" value="{{NAME}}" maxlength="150" required aria-describedby="rename-hint{{#RENAME_ERROR}} rename-error{{/RENAME_ERROR}}">
<p class="form__hint" id="rename-hint">[[t:admin.organisation.rename_hint]]</p>
</div>
<div class="form__actions"><button class="button button--secondary" type="submit">[[t:admin.organisation.rename_submit]]</button></div>
</form>
<p>{{#CAN_DEACTIVATE}}<a href="{{STATUS_URL}}">[[t:admin.organisation.deactivate_link]]</a>{{/CAN_DEACTIVATE}}{{#CAN_REACTIVATE}}<a href="{{STATUS_URL}}">[[t:admin.organisation.reactivate_link]]</a>{{/CAN_REACTIVATE}}</p>
</div>{{/MANAGE_ORGANISATION}}{{/STAFF_VIEW}}
<p>[[t:organisation.members.intro]]</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:organisation.members.caption]]</caption>
<thead><tr><th scope="col">[[t:organisation.members.name]]</th><th scope="col">[[t:organisation.members.email]]</th><th scope="col">[[t:organisation.members.role]]</th><th scope="col">[[t:organisation.members.visibility]]</th><th scope="col">[[t:organisation.members.status]]</th><th scope="col">[[t:organisation.members.actions]]</th></tr></thead>
<tbody>
{{#MEMBER}}<tr data-member-id="{{ID}}" data-member-email="{{EMAIL}}" data-visibility="{{VISIBILITY_CODE}}">
<td>{{NAME}}{{#SELF}} <span class="badge">[[t:organisation.members.you]]</span>{{/SELF}}</td>
<td>{{EMAIL}}</td>
<td>{{ROLE}}</td>
<td>{{VISIBILITY}}</td>
<td>{{STATUS}}</td>
<td><a href="{{MANAGE_URL}}">[[t:organisation.members.manage]]<span class="visually-hidden"> {{NAME}}</span></a></td>
</tr>
{{/MEMBER}}</tbody>
</table>
</div>
{{#NO_MEMBERS}}<p>[[t:organisation.members.empty]]</p>{{/NO_MEMBERS}}

{{#INVITE}}<form class="form card" method="post" action="{{INVITE_ACTION}}" aria-labelledby="invite-title">
<h2 id="invite-title">[[t:organisation.invite.heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:organisation.invite.intro]]</p>
{{#INVITE_ERROR}}<p class="form__error" id="invite-error">{{MESSAGE}}</p>{{/INVITE_ERROR}}
<div class="form__field">
<label for="invite-email">[[t:organisation.invite.email]]</label>
<input id="invite-email" name="email" type="email" value="{{INVITE_EMAIL}}" maxlength="254" required autocomplete="off">
</div>
<div class="form__field">
<label for="invite-name">[[t:organisation.invite.name]]</label>
<input id="invite-name" name="display_name" type="text" value="{{INVITE_NAME}}" maxlength="100" required autocomplete="off">
</div>
<div class="form__field">
<label for="invite-role">[[t:organisation.members.role]]</label>
<select id="invite-role" name="role">
<option value="customer"{{#ROLE_CUSTOMER_SELECTED}} selected{{/ROLE_CUSTOMER_SELECTED}}>[[t:organisation.role.customer]]</option>
<option value="org_admin"{{#ROLE_ORG_ADMIN_SELECTED}} selected{{/ROLE_ORG_ADMIN_SELECTED}}>[[t:organisation.role.org_admin]]</option>
</select>
</div>
<div class="form__field">
<label for="invite-visibility">[[t:organisation.members.visibility]]</label>
<select id="invite-visibility" name="visibility" aria-describedby="invite-visibility-hint">
<option value="own"{{#VIS_OWN_SELECTED}} selected{{/VIS_OWN_SELECTED}}>[[t:organisation.visibility.own]]</option>
<option value="organisation"{{#VIS_ORGANISATION_SELECTED}} selected{{/VIS_ORGANISATION_SELECTED}}>[[t:organisation.visibility.organisation]]</option>
</select>
<p class="form__hint" id="invite-visibility-hint">[[t:organisation.visibility.hint]]</p>
</div>
<div class="form__field">
<label for="invite-language">[[t:organisation.invite.language]]</label>
<select id="invite-language" name="language">
{{#LANGUAGE_CHOICE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE_CHOICE}}</select>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:organisation.invite.submit]]</button></div>
</form>{{/INVITE}}

<form class="form card" method="post" action="{{SETTINGS_ACTION}}" aria-labelledby="settings-title">
<h2 id="settings-title">[[t:organisation.settings.heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<input id="require-mfa" name="require_mfa" type="checkbox" value="1"{{#REQUIRE_MFA}} checked{{/REQUIRE_MFA}} aria-describedby="require-mfa-hint">
<label for="require-mfa">[[t:organisation.settings.require_mfa]]</label>
<p class="form__hint" id="require-mfa-hint">[[t:organisation.settings.require_mfa_hint]]</p>
</div>
<div class="form__actions"><button class="button button--secondary" type="submit">[[t:organisation.settings.submit]]</button></div>
</form>
</section>
