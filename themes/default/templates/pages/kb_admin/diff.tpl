{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/diff: what changed between two revisions of an article.
  Added and removed lines show a sign (+ or −) and a hidden word for screen
  readers besides their colour.

  Dictionary contract (the PAGE include dictionary):
    KB_NAV          include: pages/kb_admin/nav
    ID, HEADING, HISTORY_URL, EDITOR_URL
    FROM, TO        sections: REVISION_ID, WHEN, AUTHOR, NOTE, REVISION_LANGUAGE
    TITLE_CHANGED   section: OLD_TITLE, NEW_TITLE
    LABELS_CHANGED  section: OLD_LABELS, NEW_LABELS
    LINE            repeated, each with either
                      GAP section: SKIPPED (how many unchanged lines are left out, translated)
                      TEXT_LINE section: KIND (added|removed|same), SIGN, SIGN_LABEL, OLD_LINE, NEW_LINE, TEXT
    BODY_UNCHANGED  section: the bodies are the same
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-diff-title">
<h1 id="kb-diff-title">{{HEADING}}</h1>
<ul class="form__actions">
<li><a href="{{HISTORY_URL}}">[[t:kb_admin.diff.back]]</a></li>
<li><a href="{{EDITOR_URL}}">[[t:kb_admin.diff.editor]]</a></li>
</ul>
<dl class="kb-facts">
{{#FROM}}<div><dt>[[t:kb_admin.diff.from]] #{{REVISION_ID}}</dt><dd>{{WHEN}} · {{AUTHOR}} · {{REVISION_LANGUAGE}} <span class="kb-muted">{{NOTE}}</span></dd></div>{{/FROM}}
{{#TO}}<div><dt>[[t:kb_admin.diff.to]] #{{REVISION_ID}}</dt><dd>{{WHEN}} · {{AUTHOR}} · {{REVISION_LANGUAGE}} <span class="kb-muted">{{NOTE}}</span></dd></div>{{/TO}}
</dl>
{{#TITLE_CHANGED}}<div class="kb-change">
<h2>[[t:kb_admin.diff.title_heading]]</h2>
<p class="kb-diff__removed"><span aria-hidden="true">&minus;</span> <span class="visually-hidden">[[t:kb_admin.diff.removed]]</span> {{OLD_TITLE}}</p>
<p class="kb-diff__added"><span aria-hidden="true">+</span> <span class="visually-hidden">[[t:kb_admin.diff.added]]</span> {{NEW_TITLE}}</p>
</div>{{/TITLE_CHANGED}}
{{#LABELS_CHANGED}}<div class="kb-change">
<h2>[[t:kb_admin.diff.labels_heading]]</h2>
<p class="kb-diff__removed"><span aria-hidden="true">&minus;</span> <span class="visually-hidden">[[t:kb_admin.diff.removed]]</span> {{OLD_LABELS}}</p>
<p class="kb-diff__added"><span aria-hidden="true">+</span> <span class="visually-hidden">[[t:kb_admin.diff.added]]</span> {{NEW_LABELS}}</p>
</div>{{/LABELS_CHANGED}}
<h2>[[t:kb_admin.diff.body_heading]]</h2>
{{#BODY_UNCHANGED}}<p>[[t:kb_admin.diff.unchanged]]</p>{{/BODY_UNCHANGED}}
<div class="table-wrap" tabindex="0" role="region" aria-label="[[t:kb_admin.diff.body_heading]]">
<table class="kb-diff">
<caption class="visually-hidden">[[t:kb_admin.diff.caption]]</caption>
<thead><tr><th scope="col">[[t:kb_admin.diff.old_line]]</th><th scope="col">[[t:kb_admin.diff.new_line]]</th><th scope="col"><span class="visually-hidden">[[t:kb_admin.diff.change]]</span></th><th scope="col">[[t:kb_admin.diff.text]]</th></tr></thead>
<tbody>
{{#LINE}}{{#GAP}}<tr class="kb-diff__gap"><td colspan="4">{{SKIPPED}}</td></tr>{{/GAP}}{{#TEXT_LINE}}<tr class="kb-diff__{{KIND}}" data-kind="{{KIND}}"><td class="kb-diff__num">{{OLD_LINE}}</td><td class="kb-diff__num">{{NEW_LINE}}</td><td class="kb-diff__sign"><span aria-hidden="true">{{SIGN}}</span><span class="visually-hidden">{{SIGN_LABEL}}</span></td><td class="kb-diff__text">{{TEXT}}</td></tr>{{/TEXT_LINE}}
{{/LINE}}</tbody>
</table>
</div>
</section>
