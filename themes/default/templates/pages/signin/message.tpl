{{%AUTOESCAPE context="HTML"}}
{{!
  pages/signin/message: what happened, and where to go next.
  Dictionary contract (PAGE include dictionary):
    HEADING  translated title
    TEXT     translated message
    LINK     optional section: HREF, LABEL
}}<section class="narrow stack" aria-labelledby="message-title">
<h1 id="message-title">{{HEADING}}</h1>
<p>{{TEXT}}</p>
{{#LINK}}<p><a class="button" href="{{HREF}}">{{LABEL}}</a></p>{{/LINK}}
</section>
