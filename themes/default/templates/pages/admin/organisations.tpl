{{%AUTOESCAPE context="HTML"}}
{{!
  pages/admin/organisations: search the organisations; admins create one.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    QUERY          the search as typed
    ORGANISATION   repeated section: ID, NAME, SLUG, MEMBER_COUNT, MFA (translated yes/no),
                   STATUS (translated: active or deactivated)
    NO_RESULTS     section: nothing matches
    PREVIOUS, NEXT sections with URL: paging links
    CREATE         section, admins only: the creation form
                     NAME, SLUG          values typed
                     LANGUAGE_CHOICE     repeated: CODE, NAME, SELECTED (section)
                     CREATE_ERROR        section with MESSAGE
}}<section class="stack" aria-labelledby="orgs-title">
<h1 id="orgs-title">[[t:admin.organisations.heading]]</h1>
<p><a href="/admin">[[t:admin.back]]</a></p>
<form class="search" role="search" method="get" action="/admin/organisations">
<label for="orgs-q">[[t:admin.organisations.search_label]]</label>
<input id="orgs-q" type="search" name="q" value="{{QUERY}}" maxlength="200">
<button class="button" type="submit">[[t:admin.search]]</button>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table">
<caption class="visually-hidden">[[t:admin.organisations.caption]]</caption>
<thead><tr><th scope="col">[[t:admin.organisations.name]]</th><th scope="col">[[t:admin.organisations.slug]]</th><th scope="col">[[t:admin.organisations.members]]</th><th scope="col">[[t:admin.organisations.mfa]]</th><th scope="col">[[t:admin.organisations.status_column]]</th></tr></thead>
<tbody>
{{#ORGANISATION}}<tr data-organisation-id="{{ID}}">
<td><a href="/admin/organisations/{{ID}}">{{NAME}}</a></td>
<td><code>{{SLUG}}</code></td>
<td>{{MEMBER_COUNT}}</td>
<td>{{MFA}}</td>
<td>{{STATUS}}</td>
</tr>
{{/ORGANISATION}}</tbody>
</table>
</div>
{{#NO_RESULTS}}<p>[[t:admin.no_results]]</p>{{/NO_RESULTS}}
<nav aria-label="[[t:admin.paging]]"><ul class="form__actions">
{{#PREVIOUS}}<li><a href="{{URL}}" rel="prev">[[t:admin.previous]]</a></li>{{/PREVIOUS}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">[[t:admin.next]]</a></li>{{/NEXT}}
</ul></nav>
{{#CREATE}}<form class="form card" method="post" action="/admin/organisations" aria-labelledby="org-create-title">
<h2 id="org-create-title">[[t:admin.organisations.create_heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#CREATE_ERROR}}<p class="form__error">{{MESSAGE}}</p>{{/CREATE_ERROR}}
<div class="form__field">
<label for="org-name">[[t:admin.organisations.name]]</label>
<input id="org-name" name="name" type="text" value="{{NAME}}" maxlength="150" required>
</div>
<div class="form__field">
<label for="org-slug">[[t:admin.organisations.slug_optional]]</label>
<input id="org-slug" name="slug" type="text" value="{{SLUG}}" maxlength="60" pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="org-slug-hint">
<p class="form__hint" id="org-slug-hint">[[t:admin.organisations.slug_hint]]</p>
</div>
<div class="form__field">
<label for="org-language">[[t:admin.organisations.language]]</label>
<select id="org-language" name="language">
{{#LANGUAGE_CHOICE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/LANGUAGE_CHOICE}}</select>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:admin.organisations.create]]</button></div>
</form>{{/CREATE}}
</section>
