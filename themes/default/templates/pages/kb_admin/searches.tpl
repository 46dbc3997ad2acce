{{%AUTOESCAPE context="HTML"}}
{{!
  pages/kb_admin/searches: search analytics and content gaps.

  Dictionary contract (the PAGE include dictionary):
    KB_NAV            include: pages/kb_admin/nav
    INTRO             "Over the last 30 days."
    SEARCHES, WITHOUT_RESULTS, WITHOUT_RESULTS_SHARE, WITH_CLICK, WITH_CLICK_SHARE   formatted numbers
    GAP               repeated: QUERY, QUERY_LANGUAGE, LANGUAGE_NAME, COUNT, LAST, WRITE_URL
    NO_GAPS           section
}}{{>KB_NAV}}
<section class="stack" aria-labelledby="kb-searches-title">
<h1 id="kb-searches-title">[[t:kb_admin.searches.heading]]</h1>
<p>{{INTRO}}</p>
<dl class="kb-stats">
<div><dt>[[t:kb_admin.searches.searches]]</dt><dd data-stat="searches">{{SEARCHES}}</dd></div>
<div><dt>[[t:kb_admin.searches.without_results]]</dt><dd data-stat="without-results">{{WITHOUT_RESULTS}} <span class="kb-muted">({{WITHOUT_RESULTS_SHARE}})</span></dd></div>
<div><dt>[[t:kb_admin.searches.with_click]]</dt><dd data-stat="with-click">{{WITH_CLICK}} <span class="kb-muted">({{WITH_CLICK_SHARE}})</span></dd></div>
</dl>
<h2 id="kb-gaps-title">[[t:kb_admin.searches.gaps_heading]]</h2>
<p class="form__hint">[[t:kb_admin.searches.gaps_hint]]</p>
{{#NO_GAPS}}<p>[[t:kb_admin.searches.no_gaps]]</p>{{/NO_GAPS}}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="kb-gaps-title">
<table class="table">
<caption class="visually-hidden">[[t:kb_admin.searches.gaps_heading]]</caption>
<thead><tr><th scope="col">[[t:kb_admin.searches.query]]</th><th scope="col">[[t:kb_admin.searches.language]]</th><th scope="col">[[t:kb_admin.searches.count]]</th><th scope="col">[[t:kb_admin.searches.last]]</th><th scope="col"><span class="visually-hidden">[[t:kb_admin.searches.actions]]</span></th></tr></thead>
<tbody>
{{#GAP}}<tr data-gap-query="{{QUERY}}">
<th scope="row" lang="{{QUERY_LANGUAGE}}">{{QUERY}}</th>
<td>{{LANGUAGE_NAME}}</td>
<td>{{COUNT}}</td>
<td>{{LAST}}</td>
<td><a href="{{WRITE_URL}}">[[t:kb_admin.searches.write]]<span class="visually-hidden">: {{QUERY}}</span></a></td>
</tr>
{{/GAP}}</tbody>
</table>
</div>
</section>
