{{%AUTOESCAPE context="HTML"}}
{{!
  pages/api/api_keys: the admin's list of API keys and the form that creates one.

  Dictionary contract (the PAGE include dictionary):
    KEY          repeated section, one per key, newest first:
                   NAME        the key's name
                   PREFIX      its public prefix ("ck_0123456789ab")
                   SCOPES      its scopes, comma-separated
                   CREATED     creation date (admin's time zone) and creator's e-mail
                   LAST_USED   last use date, or the translated "never"
                   ACTIVE      section: the key works (shows the revoke form)
                     REVOKE_URL  /admin/api-keys/{id}/revoke
                   REVOKED     section: the key is revoked
                     REVOKED_AT  revocation date
    NO_KEYS      section shown when there is no key
    NAME_VALUE   the name typed in the form (kept after a validation error)
    SCOPE        repeated section, one checkbox per allowed scope:
                   VALUE (scope name), FIELD_ID, LABEL (translated), CHECKED section
}}<section class="stack" aria-labelledby="api-keys-title">
<h1 id="api-keys-title">[[t:admin_api.keys.heading]]</h1>
<p>[[t:admin_api.keys.intro]]</p>
{{#NO_KEYS}}<p>[[t:admin_api.keys.none]]</p>{{/NO_KEYS}}
{{#HAS_KEYS}}<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:admin_api.keys.caption]]</caption>
<thead><tr>
<th scope="col">[[t:admin_api.keys.name]]</th>
<th scope="col">[[t:admin_api.keys.prefix]]</th>
<th scope="col">[[t:admin_api.keys.scopes]]</th>
<th scope="col">[[t:admin_api.keys.created]]</th>
<th scope="col">[[t:admin_api.keys.last_used]]</th>
<th scope="col">[[t:admin_api.keys.status]]</th>
</tr></thead>
<tbody>
{{#KEY}}<tr>
<th scope="row">{{NAME}}</th>
<td><code>{{PREFIX}}</code></td>
<td>{{SCOPES}}</td>
<td>{{CREATED}}</td>
<td>{{LAST_USED}}</td>
<td>{{#ACTIVE}}<span class="badge badge--ok">[[t:admin_api.keys.active]]</span>
<form class="inline-form" method="post" action="{{REVOKE_URL}}">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<button class="button button--danger" type="submit">[[t:admin_api.keys.revoke]]<span class="visually-hidden"> {{NAME}}</span></button>
</form>{{/ACTIVE}}{{#REVOKED}}<span class="badge badge--warn">[[t:admin_api.keys.revoked]]</span> {{REVOKED_AT}}{{/REVOKED}}</td>
</tr>
{{/KEY}}</tbody>
</table>
</div>{{/HAS_KEYS}}
<form class="form card" method="post" action="/admin/api-keys">
<h2>[[t:admin_api.create.heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="api-key-name">[[t:admin_api.create.name]]</label>
<input id="api-key-name" name="name" type="text" maxlength="100" required value="{{NAME_VALUE}}" aria-describedby="api-key-name-hint">
<p class="form__hint" id="api-key-name-hint">[[t:admin_api.create.name_hint]]</p>
</div>
<fieldset class="form__field">
<legend>[[t:admin_api.create.scopes]]</legend>
{{#SCOPE}}<div class="form__check">
<input id="{{FIELD_ID}}" name="scopes" type="checkbox" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}>
<label for="{{FIELD_ID}}">{{LABEL}} (<code>{{VALUE}}</code>)</label>
</div>
{{/SCOPE}}</fieldset>
<div class="form__actions"><button class="button" type="submit">[[t:admin_api.create.submit]]</button></div>
</form>
<p><a href="/admin/audit">[[t:admin_api.keys.audit_link]]</a></p>
</section>
