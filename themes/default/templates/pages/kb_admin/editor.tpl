{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/editor: writing one article in one language — its text
  (with a preview that works without JavaScript: the Preview button posts
  the form and the page comes back with the rendered Markdown below), and
  for an existing article its languages, settings, publishing buttons and
  attachments. js/kb-editor.js updates the preview while typing.

  Dictionary contract (the PAGE include dictionary; CSRF_TOKEN is template-global):
    KB_NAV              include: pages/kb_admin/nav
    JS_EDITOR_URL       fingerprinted URL of js/kb-editor.js
    TEXT_ACTION         where the text form posts
    LANGUAGE, LANGUAGE_NAME   the translation edited (code, its own name)
    TITLE, BODY, LABELS, NOTE the text form's values
    TEXT_ERROR          section with MESSAGE: the text was refused
    PREVIEW_HTML        the rendered Markdown (safe HTML, printed raw), when NO_PREVIEW is not shown
    NO_PREVIEW          section: no preview asked yet
    NEW                 section, a new article: SOURCE_LANGUAGE repeated (CODE, NAME, SELECTED section)
    NEW_SETTINGS_FIELDS include (new article): pages/kb_admin/settings_fields inside the text form
    EXISTING            section, a saved article:
      ID, HEADING, STATUS, STATUS_CODE, VISIBILITY, VIEWS, HELPFUL, UNHELPFUL, SOURCE_NAME, HISTORY_URL
      PUBLIC            section with PUBLIC_URL: the article page in this language (when this translation exists)
      SCHEDULED         section with WHEN: the scheduled publication time
      LANGUAGE_TAB      repeated: CODE, NAME, URL; sections CURRENT, SOURCE, MISSING, OUTDATED
      MISSING_NOTICE    section with MESSAGE: no translation yet, the form holds the source text
      OUTDATED_WARNING  section with MESSAGE, and SOURCE_DIFF (section with URL): the source changed since
      SETTINGS_ERROR, STATUS_ERROR, ATTACHMENTS_ERROR   sections with MESSAGE
      TRANSITION        repeated: TO, LABEL, DANGER (section)
      ATTACHMENT        repeated: ATT_ID, NAME, TYPE, SIZE, URL, MARKDOWN
      NO_ATTACHMENTS    section
    SETTINGS_FIELDS     include (saved article): pages/kb_admin/settings_fields inside the settings form
}}{{>KB_NAV}}
<div class="stack kb-editor">
{{#NEW}}<h1 id="kb-editor-title">[[t:kb_admin.editor.new_heading]]</h1>{{/NEW}}
{{#EXISTING}}<h1 id="kb-editor-title">{{HEADING}}</h1>
<dl class="kb-facts">
<div><dt>[[t:kb_admin.editor.status]]</dt><dd><span class="badge kb-status kb-status--{{STATUS_CODE}}" data-status="{{STATUS_CODE}}">{{STATUS}}</span></dd></div>
<div><dt>[[t:kb_admin.editor.visibility]]</dt><dd data-visibility>{{VISIBILITY}}</dd></div>
{{#SCHEDULED}}<div><dt>[[t:kb_admin.editor.scheduled]]</dt><dd data-scheduled>{{WHEN}}</dd></div>{{/SCHEDULED}}
<div><dt>[[t:kb_admin.editor.views]]</dt><dd>{{VIEWS}}</dd></div>
<div><dt>[[t:kb_admin.editor.helpful]]</dt><dd>[[t:kb_admin.yes]] {{HELPFUL}} · [[t:kb_admin.no]] {{UNHELPFUL}}</dd></div>
</dl>
<ul class="form__actions">
<li><a href="{{HISTORY_URL}}">[[t:kb_admin.editor.history]]</a></li>
{{#PUBLIC}}<li><a href="{{PUBLIC_URL}}">[[t:kb_admin.editor.open_page]]</a></li>{{/PUBLIC}}
</ul>
<nav class="kb-tabs" aria-label="[[t:kb_admin.editor.languages]]">
<ul>
{{#LANGUAGE_TAB}}<li data-language="{{CODE}}"><a href="{{URL}}" lang="{{CODE}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a>{{#SOURCE}} <span class="badge">[[t:kb_admin.languages.source]]</span>{{/SOURCE}}{{#MISSING}} <span class="badge" data-missing>[[t:kb_admin.languages.missing]]</span>{{/MISSING}}{{#OUTDATED}} <span class="badge badge--warn" data-outdated>[[t:kb_admin.languages.outdated]]</span>{{/OUTDATED}}</li>
{{/LANGUAGE_TAB}}</ul>
</nav>
{{#MISSING_NOTICE}}<p class="kb-note" data-translation-missing>{{MESSAGE}}</p>{{/MISSING_NOTICE}}
{{#OUTDATED_WARNING}}<div class="kb-note kb-note--warn" data-translation-outdated><p>{{MESSAGE}}</p>{{#SOURCE_DIFF}}<p><a href="{{URL}}">[[t:kb_admin.editor.source_diff]]</a></p>{{/SOURCE_DIFF}}</div>{{/OUTDATED_WARNING}}
{{/EXISTING}}
<div class="kb-editor__columns">
<form class="form card kb-text-form" method="post" action="{{TEXT_ACTION}}" aria-labelledby="kb-text-title" data-kb-editor data-insert-label="[[t:kb_admin.attachments.insert]]">
<h2 id="kb-text-title">[[t:kb_admin.editor.text_heading]] <span lang="{{LANGUAGE}}">({{LANGUAGE_NAME}})</span></h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#TEXT_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/TEXT_ERROR}}
{{#EXISTING}}<input type="hidden" name="language" value="{{LANGUAGE}}">{{/EXISTING}}
{{#NEW}}<div class="form__field">
<label for="kb-language">[[t:kb_admin.editor.source_language]]</label>
<select id="kb-language" name="language">
{{#SOURCE_LANGUAGE}}<option value="{{CODE}}" lang="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/SOURCE_LANGUAGE}}</select>
</div>{{/NEW}}
<div class="form__field">
<label for="kb-title">[[t:kb_admin.editor.title_label]]</label>
<input id="kb-title" name="title" type="text" value="{{TITLE}}" maxlength="200" required lang="{{LANGUAGE}}">
</div>
<div class="form__field">
<label for="kb-body">[[t:kb_admin.editor.body_label]]</label>
<textarea id="kb-body" name="body" rows="20" required lang="{{LANGUAGE}}" aria-describedby="kb-body-hint" data-kb-body>{{BODY:pre_escape}}</textarea>
<p class="form__hint" id="kb-body-hint">[[t:kb_admin.editor.body_hint]]</p>
</div>
<div class="form__field">
<label for="kb-labels">[[t:kb_admin.editor.labels_label]]</label>
<input id="kb-labels" name="labels" type="text" value="{{LABELS}}" aria-describedby="kb-labels-hint" lang="{{LANGUAGE}}">
<p class="form__hint" id="kb-labels-hint">[[t:kb_admin.editor.labels_hint]]</p>
</div>
<div class="form__field">
<label for="kb-note">[[t:kb_admin.editor.note_label]]</label>
<input id="kb-note" name="note" type="text" value="{{NOTE}}" maxlength="200" aria-describedby="kb-note-hint">
<p class="form__hint" id="kb-note-hint">[[t:kb_admin.editor.note_hint]]</p>
</div>
{{>NEW_SETTINGS_FIELDS}}
<div class="form__actions">
<button class="button" type="submit" name="action" value="save">[[t:kb_admin.editor.save]]</button>
<button class="button button--secondary" type="submit" name="action" value="preview">[[t:kb_admin.editor.preview]]</button>
</div>
</form>
<section class="card kb-preview" aria-labelledby="kb-preview-title">
<h2 id="kb-preview-title">[[t:kb_admin.editor.preview_heading]]</h2>
{{#NO_PREVIEW}}<p class="form__hint" data-kb-preview-hint>[[t:kb_admin.editor.preview_hint]]</p>{{/NO_PREVIEW}}
<div class="kb-preview__body" lang="{{LANGUAGE}}" data-kb-preview data-preview-language="{{LANGUAGE}}"{{#EXISTING}} data-article-id="{{ID}}"{{/EXISTING}}>{{PREVIEW_HTML:none}}</div>
</section>
</div>
{{#EXISTING}}<form class="form card" method="post" action="/admin/kb/articles/{{ID}}/settings" aria-labelledby="kb-settings-title">
<h2 id="kb-settings-title">[[t:kb_admin.settings.heading]]</h2>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="language" value="{{LANGUAGE}}">
{{#SETTINGS_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/SETTINGS_ERROR}}
{{>SETTINGS_FIELDS}}
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.settings.save]]</button></div>
</form>
<section class="card stack" aria-labelledby="kb-workflow-title">
<h2 id="kb-workflow-title">[[t:kb_admin.workflow.heading]]</h2>
<p>[[t:kb_admin.workflow.current]] <strong>{{STATUS}}</strong></p>
{{#STATUS_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/STATUS_ERROR}}
<ul class="form__actions kb-workflow">
{{#TRANSITION}}<li><form class="inline-form" method="post" action="/admin/kb/articles/{{ID}}/status">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="language" value="{{LANGUAGE}}">
<input type="hidden" name="to" value="{{TO}}">
<button class="button{{#DANGER}} button--danger{{/DANGER}}" type="submit" data-transition="{{TO}}">{{LABEL}}</button>
</form></li>
{{/TRANSITION}}</ul>
</section>
<section class="card stack" aria-labelledby="kb-attachments-title">
<h2 id="kb-attachments-title">[[t:kb_admin.attachments.heading]]</h2>
{{#ATTACHMENTS_ERROR}}<p class="form__error" role="alert">{{MESSAGE}}</p>{{/ATTACHMENTS_ERROR}}
{{#NO_ATTACHMENTS}}<p>[[t:kb_admin.attachments.none]]</p>{{/NO_ATTACHMENTS}}
<ul class="kb-attachments">
{{#ATTACHMENT}}<li data-attachment-id="{{ATT_ID}}">
<a href="{{URL}}">{{NAME}}</a> <span class="kb-muted">{{TYPE}}, {{SIZE}}</span>
<p><span class="kb-muted">[[t:kb_admin.attachments.markdown]]</span> <code data-kb-snippet>{{MARKDOWN}}</code></p>
<form class="inline-form" method="post" action="/admin/kb/articles/{{ID}}/attachments/{{ATT_ID}}/delete">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="language" value="{{LANGUAGE}}">
<button class="button button--danger" type="submit">[[t:kb_admin.attachments.remove]] <span class="visually-hidden">{{NAME}}</span></button>
</form>
</li>
{{/ATTACHMENT}}</ul>
<form class="form" method="post" action="/admin/kb/articles/{{ID}}/attachments?language={{LANGUAGE}}" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="form__field">
<label for="kb-file">[[t:kb_admin.attachments.file]]</label>
<input id="kb-file" name="file" type="file" required accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.csv,.txt" aria-describedby="kb-file-hint">
<p class="form__hint" id="kb-file-hint">[[t:kb_admin.attachments.hint]]</p>
</div>
<div class="form__actions"><button class="button" type="submit">[[t:kb_admin.attachments.upload]]</button></div>
</form>
</section>
{{/EXISTING}}
</div>
<script type="module" src="{{JS_EDITOR_URL}}"></script>
