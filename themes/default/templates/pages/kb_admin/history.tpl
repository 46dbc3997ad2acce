{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/history: the revisions of an article, newest first. The
  table sits in the GET form that compares two of them; the restore buttons
  belong to forms after the table (form="…"), since forms cannot nest.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    KB_NAV           include: pages/kb_admin/nav
    ID, ARTICLE_TITLE, EDITOR_URL
    LANGUAGE_FILTER  repeated: URL, NAME, CURRENT (section)
    NO_REVISIONS     section
    CAN_COMPARE      section: at least two revisions
    REVISION         repeated: REVISION_ID, REVISION_LANGUAGE, REVISION_LANGUAGE_NAME, REVISION_TITLE,
                     AUTHOR, WHEN, NOTE; sections FROM_CHECKED, TO_CHECKED, CAN_RESTORE
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-history-title">
<h1 id="kb-history-title">[[t:kb_admin.history.heading]] <span class="kb-muted">{{ARTICLE_TITLE}}</span></h1>
<p><a href="{{EDITOR_URL}}">[[t:kb_admin.history.back]]</a></p>
<nav aria-label="[[t:kb_admin.history.languages]]"><ul class="form__actions account-nav">
{{#LANGUAGE_FILTER}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a></li>
{{/LANGUAGE_FILTER}}</ul></nav>
{{#NO_REVISIONS}}<p>[[t:kb_admin.history.none]]</p>{{/NO_REVISIONS}}
<form method="get" action="/admin/kb/articles/{{ID}}/diff" class="stack">
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:a11y.table_region]]">
<table class="table kb-history">
<caption class="visually-hidden">[[t:kb_admin.history.caption]]</caption>
<thead><tr>
<th scope="col">[[t:kb_admin.history.from]]</th>
<th scope="col">[[t:kb_admin.history.to]]</th>
<th scope="col">[[t:kb_admin.history.revision]]</th>
<th scope="col">[[t:kb_admin.history.when]]</th>
<th scope="col">[[t:kb_admin.history.author]]</th>
<th scope="col">[[t:kb_admin.history.language]]</th>
<th scope="col">[[t:kb_admin.history.note]]</th>
<th scope="col"><span class="visually-hidden">[[t:kb_admin.history.actions]]</span></th>
</tr></thead>
<tbody>
{{#REVISION}}<tr data-revision-id="{{REVISION_ID}}">
<td><input type="radio" name="from" value="{{REVISION_ID}}" id="kb-from-{{REVISION_ID}}"{{#FROM_CHECKED}} checked{{/FROM_CHECKED}}><label class="visually-hidden" for="kb-from-{{REVISION_ID}}">[[t:kb_admin.history.from]] #{{REVISION_ID}}</label></td>
<td><input type="radio" name="to" value="{{REVISION_ID}}" id="kb-to-{{REVISION_ID}}"{{#TO_CHECKED}} checked{{/TO_CHECKED}}><label class="visually-hidden" for="kb-to-{{REVISION_ID}}">[[t:kb_admin.history.to]] #{{REVISION_ID}}</label></td>
<th scope="row">#{{REVISION_ID}} <span class="kb-muted">{{REVISION_TITLE}}</span></th>
<td>{{WHEN}}</td>
<td>{{AUTHOR}}</td>
<td lang="{{REVISION_LANGUAGE}}">{{REVISION_LANGUAGE_NAME}}</td>
<td>{{NOTE}}</td>
<td>{{#CAN_RESTORE}}<button class="button button--secondary" type="submit" form="kb-restore-{{REVISION_ID}}">[[t:kb_admin.history.restore]] <span class="visually-hidden">#{{REVISION_ID}}</span></button>{{/CAN_RESTORE}}</td>
</tr>
{{/REVISION}}</tbody>
</table>
</div>
{{#CAN_COMPARE}}<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.history.compare]]</button></div>{{/CAN_COMPARE}}
</form>
{{#REVISION}}{{#CAN_RESTORE}}<form id="kb-restore-{{REVISION_ID}}" method="post" action="/admin/kb/articles/{{ID}}/restore" hidden>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="revision" value="{{REVISION_ID}}">
</form>{{/CAN_RESTORE}}
{{/REVISION}}
</section>
