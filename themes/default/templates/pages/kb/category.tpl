{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb/category: one category with its sections and their articles, included as PAGE.

  Dictionary contract (the PAGE include dictionary):
    KB_ASSETS, BREADCRUMBS   includes (pages/kb/assets, pages/kb/breadcrumbs)
    NAME, ICON, COUNT ("12 articles")
    HAS_DESCRIPTION section: DESCRIPTION
    SECTION   repeated: ID (anchor "section-<ID>"), NAME, HAS_DESCRIPTION section: DESCRIPTION
                ARTICLE  repeated: TITLE, URL, HAS_SUMMARY section (SUMMARY),
                         OTHER_LANGUAGE section (TITLE_LANG) when shown in a fallback language,
                         HAS_STATUS section (STATUS) for staff, when not published
}}{{>KB_ASSETS}}
{{>BREADCRUMBS}}
<section class="kb-category-page" aria-labelledby="category-title">
<h1 id="category-title"><span class="kb-icon kb-icon--{{ICON}}" aria-hidden="true"></span>{{NAME}}</h1>
{{#HAS_DESCRIPTION}}<p class="kb-lead">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
<p class="kb-muted">{{COUNT}}</p>
{{#SECTION}}<section class="kb-section" id="section-{{ID}}" aria-labelledby="section-{{ID}}-title">
<h2 id="section-{{ID}}-title">{{NAME}}</h2>
{{#HAS_DESCRIPTION}}<p class="kb-muted">{{DESCRIPTION}}</p>{{/HAS_DESCRIPTION}}
<ul class="kb-article-list">
{{#ARTICLE}}<li class="kb-article-list__item"><a class="kb-article-list__link" href="{{URL}}"{{#OTHER_LANGUAGE}} lang="{{TITLE_LANG}}"{{/OTHER_LANGUAGE}}>{{TITLE}}</a>{{#HAS_STATUS}} <span class="badge badge--warn">{{STATUS}}</span>{{/HAS_STATUS}}{{#HAS_SUMMARY}}<p class="kb-article-list__summary"{{#OTHER_LANGUAGE}} lang="{{TITLE_LANG}}"{{/OTHER_LANGUAGE}}>{{SUMMARY}}</p>{{/HAS_SUMMARY}}</li>
{{/ARTICLE}}</ul>
</section>
{{/SECTION}}
</section>
