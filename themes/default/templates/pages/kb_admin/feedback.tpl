{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/feedback: the comments readers left with their vote.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    KB_NAV              include: pages/kb_admin/nav
    OPEN_TAB, HANDLED_TAB   sections: which tab is shown
    ITEM                repeated: FEEDBACK_ID, ARTICLE_TITLE, ARTICLE_URL, VOTE, VOTE_CODE (yes|no),
                        LANGUAGE, LANGUAGE_NAME, COMMENT, WHEN, WHO; OPEN (section) or
                        HANDLED (section: HANDLED_WHEN, HANDLED_BY)
    NO_ITEMS            section
    PREVIOUS, NEXT      sections with URL
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-feedback-title">
<h1 id="kb-feedback-title">[[t:kb_admin.feedback.heading]]</h1>
<nav aria-label="[[t:kb_admin.feedback.tabs]]"><ul class="form__actions account-nav">
<li><a href="/admin/kb/feedback?handled=0"{{#OPEN_TAB}} aria-current="page"{{/OPEN_TAB}}>[[t:kb_admin.feedback.open_tab]]</a></li>
<li><a href="/admin/kb/feedback?handled=1"{{#HANDLED_TAB}} aria-current="page"{{/HANDLED_TAB}}>[[t:kb_admin.feedback.handled_tab]]</a></li>
</ul></nav>
{{#NO_ITEMS}}<p>{{#OPEN_TAB}}[[t:kb_admin.feedback.none_open]]{{/OPEN_TAB}}{{#HANDLED_TAB}}[[t:kb_admin.feedback.none_handled]]{{/HANDLED_TAB}}</p>{{/NO_ITEMS}}
<ol class="kb-feedback stack">
{{#ITEM}}<li class="card" data-feedback-id="{{FEEDBACK_ID}}" data-vote="{{VOTE_CODE}}">
<p><a href="{{ARTICLE_URL}}" lang="{{LANGUAGE}}">{{ARTICLE_TITLE}}</a></p>
<dl class="kb-facts">
<div><dt>[[t:kb_admin.feedback.vote]]</dt><dd>{{VOTE}}</dd></div>
<div><dt>[[t:kb_admin.feedback.language]]</dt><dd>{{LANGUAGE_NAME}}</dd></div>
<div><dt>[[t:kb_admin.feedback.when]]</dt><dd>{{WHEN}}</dd></div>
<div><dt>[[t:kb_admin.feedback.who]]</dt><dd>{{WHO}}</dd></div>
{{#HANDLED}}<div><dt>[[t:kb_admin.feedback.handled_on]]</dt><dd>{{HANDLED_WHEN}} · {{HANDLED_BY}}</dd></div>{{/HANDLED}}
</dl>
<blockquote class="kb-comment" lang="{{LANGUAGE}}">{{COMMENT:pre_escape}}</blockquote>
<form class="inline-form" method="post" action="/admin/kb/feedback/{{FEEDBACK_ID}}/handled">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#OPEN}}<input type="hidden" name="handled" value="1"><button class="button" type="submit">[[t:kb_admin.feedback.mark_handled]]</button>{{/OPEN}}
{{#HANDLED}}<input type="hidden" name="handled" value="0"><button class="button button--secondary" type="submit">[[t:kb_admin.feedback.reopen]]</button>{{/HANDLED}}
</form>
</li>
{{/ITEM}}</ol>
<nav aria-label="[[t:kb_admin.paging]]"><ul class="form__actions">
{{#PREVIOUS}}<li><a href="{{URL}}" rel="prev">[[t:kb_admin.previous]]</a></li>{{/PREVIOUS}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">[[t:kb_admin.next]]</a></li>{{/NEXT}}
</ul></nav>
</section>
