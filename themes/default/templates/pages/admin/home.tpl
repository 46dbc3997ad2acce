{{%AUTOESCAPE context="HTML"}}
{{!
  pages/admin/home: the staff's starting point, links to the admin pages.

  Dictionary contract (the PAGE include dictionary):
    ADMIN_ONLY   section: links only admins may follow (audit trail, API keys)
}}<section class="stack" aria-labelledby="admin-title">
<h1 id="admin-title">[[t:admin.home.heading]]</h1>
<ul class="stack">
<li><a href="/admin/organisations">[[t:admin.home.organisations]]</a> — [[t:admin.home.organisations_hint]]</li>
<li><a href="/admin/users">[[t:admin.home.users]]</a> — [[t:admin.home.users_hint]]</li>
<li><a href="/admin/kb">[[t:kb_admin.home.link]]</a> — [[t:kb_admin.home.hint]]</li>
{{#ADMIN_ONLY}}<li><a href="/admin/audit">[[t:admin.home.audit]]</a> — [[t:admin.home.audit_hint]]</li>
<li><a href="/admin/api-keys">[[t:admin.home.api_keys]]</a> — [[t:admin.home.api_keys_hint]]</li>{{/ADMIN_ONLY}}
</ul>
</section>
