{{%AUTOESCAPE context="HTML"}}
{{!
  emails/layout: the frame of every HTML e-mail; the message itself is the
  BODY include (emails/<template>). Styles are inline: mail clients drop
  <link> and most <style> rules.

  Dictionary contract (root):
    LANG        language of the message ("fr")
    SUBJECT     the subject, as title
    BRAND_NAME  operator's name
    SIGNATURE   translated closing (mail.signature)
    FOOTER      translated notice (mail.footer)
}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{SUBJECT}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;color:#1f2933;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;padding:24px">
<p style="margin:0 0 16px;font-size:20px;font-weight:bold">{{BRAND_NAME}}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px">
{{>BODY}}
<p style="margin:24px 0 0">{{SIGNATURE}}</p>
</div>
<p style="margin:16px 0 0;font-size:12px;color:#52606d">{{FOOTER}}</p>
</div>
</body>
</html>
