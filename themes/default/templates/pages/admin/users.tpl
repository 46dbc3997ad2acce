{{%AUTOESCAPE context="HTML"}}
{{!
  pages/admin/users: search every account; admins invite a new agent or admin.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    QUERY          the search as typed
    ROLE_FILTER    repeated section: CODE, LABEL, SELECTED (section)
    USER           repeated section: ID, NAME, EMAIL, ROLE, ORGANISATION (empty for staff), STATUS
    NO_RESULTS     section: nothing matches
    PREVIOUS, NEXT sections with URL: paging links
    CREATE         section, admins only: the new agent form
                     EMAIL, NAME                                 values typed
                     ROLE_AGENT_SELECTED, ROLE_ADMIN_SELECTED     sections
                     LANGUAGE_CHOICE                             repeated: CODE, NAME, SELECTED
                     CREATE_ERROR                                section with MESSAGE
}}<section class="stack" aria-labelledby="users-title">
<h1 id="users-title">[[t:admin.users.heading]]</h1>
<p><a href="/admin">[[t:admin.back]]</a></p>
<form class="form" role="search" method="get" action="/admin/users">
<div class="form__field">
<label for="users-q">[[t:admin.users.search_label]]</label>
<input id="users-q" type="search" name="q" value="{{QUERY}}" maxlength="200">
</div>
<div class="form__field">
<label for="users-role">[[t:admin.users.role_filter]]</label>
<select id="users-role" name="role">
<option value="">[[t:admin.users.all_roles]]</option>
{{#ROLE_FILTER}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE_FILTER}}</select>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:admin.search]]</button></div>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:admin.users.caption]]</caption>
<thead><tr><th scope="col">[[t:admin.users.name]]</th><th scope="col">[[t:admin.users.email]]</th><th scope="col">[[t:admin.users.role]]</th><th scope="col">[[t:admin.users.organisation]]</th><th scope="col">[[t:admin.users.status]]</th></tr></thead>
<tbody>
{{#USER}}<tr data-user-id="{{ID}}">
<td><a href="/admin/users/{{ID}}">{{NAME}}</a></td>
<td>{{EMAIL}}</td>
<td>{{ROLE}}</td>
<td>{{ORGANISATION}}</td>
<td>{{STATUS}}</td>
</tr>
{{/USER}}</tbody>
</table>
</div>
{{#NO_RESULTS}}<p>[[t:admin.no_results]]</p>{{/NO_RESULTS}}
<nav aria-label="[[t:admin.paging]]"><ul class="form__actions">
{{#PREVIOUS}}<li><a href="{{URL}}" rel="prev">[[t:admin.previous]]</a></li>{{/PREVIOUS}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">[[t:admin.next]]</a></li>{{/NEXT}}
</ul></nav>
{{#CREATE}}<form class="form card" method="post" action="/admin/agents" aria-labelledby="agent-create-title">
<h2 id="agent-create-title">[[t:admin.agents.heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<p class="form__hint">[[t:admin.agents.intro]]</p>
{{#CREATE_ERROR}}<p class="form__error">{{MESSAGE}}</p>{{/CREATE_ERROR}}
<div class="form__field">
<label for="agent-email">[[t:admin.users.email]]</label>
<input id="agent-email" name="email" type="email" value="{{EMAIL}}" maxlength="254" required autocomplete="off">
</div>
<div class="form__field">
<label for="agent-name">[[t:admin.users.name]]</label>
<input id="agent-name" name="display_name" type="text" value="{{NAME}}" maxlength="100" required autocomplete="off">
</div>
<div class="form__field">
<label for="agent-role">[[t:admin.users.role]]</label>
<select id="agent-role" name="role">
<option value="agent"{{#ROLE_AGENT_SELECTED}} selected{{/ROLE_AGENT_SELECTED}}>[[t:organisation.role.agent]]</option>
<option value="admin"{{#ROLE_ADMIN_SELECTED}} selected{{/ROLE_ADMIN_SELECTED}}>[[t:organisation.role.admin]]</option>
</select>
</div>
<div class="form__field">
<label for="agent-language">[[t:admin.agents.language]]</label>
<select id="agent-language" name="language">
{{#LANGUAGE_CHOICE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE_CHOICE}}</select>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:admin.agents.submit]]</button></div>
</form>{{/CREATE}}
</section>
