{{%AUTOESCAPE context="HTML"}}
{{!
  emails/change_email: sent to the NEW address to confirm an address change. Included in emails/layout as BODY; the plain-text part
  is built from the same sentences in src/web/emails.cpp.

  Dictionary contract (the BODY include dictionary):
    GREETING    "Hello Zoé," (mail.greeting)
    INTRO       mail.change_email.intro (new_email)
    LINK        absolute URL confirming the change
    LINK_LABEL  mail.change_email.link_label
    IGNORE      mail.change_email.ignore
}}<p>{{GREETING}}</p>
<p>{{INTRO}}</p>
<p style="margin:24px 0"><a href="{{LINK}}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">{{LINK_LABEL}}</a></p>
<p style="font-size:13px;color:#52606d">[[t:mail.link_fallback]]<br><a href="{{LINK}}" style="color:#1f5fbf;word-break:break-all">{{LINK}}</a></p>
<p>{{IGNORE}}</p>
