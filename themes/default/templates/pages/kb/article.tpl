{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/article: one knowledge-base article, its feedback form and
  related articles, included as PAGE. Anonymous visitors share one
  rendering (cached): nothing personal may appear outside the sections
  marked "signed in" below.

  Dictionary contract (the PAGE include dictionary):
    KB_ASSETS, BREADCRUMBS   includes (pages/kb/assets, pages/kb/breadcrumbs)
    ID            the article's id
    TITLE         its title; CONTENT_LANG the language of TITLE and BODY (a fallback's)
    UPDATED       "Updated on 3 Mar 2026"; UPDATED_ISO the same instant (ISO 8601)
    FALLBACK      section shown when the page's language has no translation: FALLBACK_TEXT
    STAFF         section for agents and admins: STATUS, VISIBILITY, COUNTS (views and votes),
                    EDIT_URL, NOT_PUBLISHED / OUTDATED sections, SCHEDULED section (PUBLISH_AT)
    HAS_LABELS    section: LABEL_ITEM repeated (NAME)
    BODY          the article as HTML, already safe (text/markdown.hpp): printed raw
    HAS_ATTACHMENTS section: ATTACHMENT repeated (NAME, URL, SIZE)
    VOTE_URL      where the feedback form posts
    WITH_TOKEN    section shown when the visitor has a session: the form carries CSRF_TOKEN (template-global)
    COMMENT, COMMENT_MAX   the comment as typed (after a refusal) and its limit in bytes
    VOTED_YES / VOTED_NO   sections: this visitor's current vote
    THANKS        section: the vote was just recorded
    HAS_FEEDBACK_ERROR section: FEEDBACK_ERROR (translated)
    HAS_RELATED   section: RELATED repeated (TITLE, URL)
}}{{>KB_ASSETS}}
{{>BREADCRUMBS}}
<article class="kb-article" aria-labelledby="article-title" data-article-id="{{ID}}">
{{#STAFF}}<aside class="kb-staff" aria-label="[[t:kb.staff.label]]">
<p class="kb-staff__state">[[t:kb.staff.status]] <span class="badge{{#NOT_PUBLISHED}} badge--warn{{/NOT_PUBLISHED}}">{{STATUS}}</span> [[t:kb.staff.visibility]] <span class="badge">{{VISIBILITY}}</span>{{#SCHEDULED}} [[t:kb.staff.scheduled]] {{PUBLISH_AT}}{{/SCHEDULED}}{{#OUTDATED}} <span class="badge badge--warn">[[t:kb.staff.outdated]]</span>{{/OUTDATED}}</p>
<p class="kb-staff__counts">{{COUNTS}}</p>
<p><a class="button button--secondary" href="{{EDIT_URL}}">[[t:kb.staff.edit]]</a></p>
</aside>{{/STAFF}}
<header class="kb-article__header">
<h1 id="article-title" lang="{{CONTENT_LANG}}">{{TITLE}}</h1>
<p class="kb-article__meta"><time datetime="{{UPDATED_ISO}}">{{UPDATED}}</time></p>
{{#HAS_LABELS}}<ul class="kb-labels" aria-label="[[t:kb.article.labels]]">
{{#LABEL_ITEM}}<li class="badge">{{NAME}}</li>
{{/LABEL_ITEM}}</ul>{{/HAS_LABELS}}
</header>
{{#FALLBACK}}<p class="banner kb-fallback" role="note">{{FALLBACK_TEXT}}</p>{{/FALLBACK}}
<div class="kb-body" lang="{{CONTENT_LANG}}">
{{BODY:none}}
</div>
{{#HAS_ATTACHMENTS}}<section class="kb-attachments" aria-labelledby="attachments-title">
<h2 id="attachments-title">[[t:kb.article.attachments]]</h2>
<ul class="kb-attachments__list">
{{#ATTACHMENT}}<li><a href="{{URL}}">{{NAME}}</a> <span class="kb-muted">({{SIZE}})</span></li>
{{/ATTACHMENT}}</ul>
</section>{{/HAS_ATTACHMENTS}}
</article>
<section id="feedback" class="kb-feedback" aria-labelledby="feedback-title" tabindex="-1">
<h2 id="feedback-title">[[t:kb.feedback.heading]]</h2>
{{#THANKS}}<p class="banner banner--notice" role="status">[[t:kb.feedback.thanks]]</p>{{/THANKS}}
{{#VOTED_YES}}<p class="kb-feedback__current" data-vote="yes">[[t:kb.feedback.current_yes]]</p>{{/VOTED_YES}}
{{#VOTED_NO}}<p class="kb-feedback__current" data-vote="no">[[t:kb.feedback.current_no]]</p>{{/VOTED_NO}}
{{#HAS_FEEDBACK_ERROR}}<p class="banner banner--error" id="feedback-error" role="alert">{{FEEDBACK_ERROR}}</p>{{/HAS_FEEDBACK_ERROR}}
<form class="form kb-feedback__form" method="post" action="{{VOTE_URL}}">
{{#WITH_TOKEN}}<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">{{/WITH_TOKEN}}
<div class="form__field">
<label for="feedback-comment">[[t:kb.feedback.comment]]</label>
<p class="form__hint" id="feedback-comment-hint">[[t:kb.feedback.comment_hint]]</p>
<textarea id="feedback-comment" name="comment" rows="3" maxlength="{{COMMENT_MAX}}" aria-describedby="feedback-comment-hint{{#HAS_FEEDBACK_ERROR}} feedback-error{{/HAS_FEEDBACK_ERROR}}"{{#HAS_FEEDBACK_ERROR}} aria-invalid="true"{{/HAS_FEEDBACK_ERROR}}>{{COMMENT}}</textarea>
</div>
<div class="form__actions kb-feedback__actions">
<button class="button kb-feedback__button" type="submit" name="helpful" value="yes">[[t:kb.feedback.yes]]</button>
<button class="button kb-feedback__button" type="submit" name="helpful" value="no">[[t:kb.feedback.no]]</button>
</div>
</form>
</section>
{{#HAS_RELATED}}<nav class="kb-related" aria-labelledby="related-title">
<h2 id="related-title">[[t:kb.article.related]]</h2>
<ul class="kb-related__list">
{{#RELATED}}<li><a href="{{URL}}">{{TITLE}}</a></li>
{{/RELATED}}</ul>
</nav>{{/HAS_RELATED}}
