{{%AUTOESCAPE context="HTML"}}
{{!
  emails/verify_email: asks a new user to confirm their address. Included in emails/layout as BODY; the plain-text part
  is built from the same sentences in src/web/emails.cpp.

  Dictionary contract (the BODY include dictionary):
    GREETING    "Hello Zoé," (mail.greeting)
    INTRO       mail.verify_email.intro
    LINK        absolute URL of the confirmation page
    LINK_LABEL  mail.verify_email.link_label
    IGNORE      mail.verify_email.ignore
}}<p>{{GREETING}}</p>
<p>{{INTRO}}</p>
<p style="margin:24px 0"><a href="{{LINK}}" style="display:inline-block;background:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">{{LINK_LABEL}}</a></p>
<p style="font-size:13px;color:#52606d">[[t:mail.link_fallback]]<br><a href="{{LINK}}" style="color:#1f5fbf;word-break:break-all">{{LINK}}</a></p>
<p>{{IGNORE}}</p>
