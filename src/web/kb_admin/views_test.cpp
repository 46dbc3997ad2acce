// What the authoring forms hand to the services, and which refusals are
// shown to the author as a message next to their input.
#include "web/kb_admin/views.hpp"

#include <gtest/gtest.h>

namespace comptoir::web::kb_admin {
namespace {

SettingsForm valid_settings() {
    SettingsForm form;
    form.section_id = "3";
    form.visibility = "organisations";
    form.organisation_ids = {4, 9};
    form.publish_at = "2026-01-15T10:00";
    return form;
}

TEST(KbAdminViews, SettingsAsTheServiceTakesThem) {
    auto settings = to_settings(valid_settings(), "Europe/Paris");
    ASSERT_TRUE(settings) << settings.error().public_message;
    EXPECT_EQ(settings->section_id, 3);
    EXPECT_EQ(settings->visibility, kb::Visibility::organisations);
    EXPECT_EQ(settings->organisation_ids, (std::vector<std::int64_t>{4, 9}));
    EXPECT_EQ(settings->publish_at, 1768467600);  // 10:00 in Paris is 09:00 UTC

    auto form = valid_settings();
    form.publish_at.clear();
    form.visibility = "public";
    settings = to_settings(form, "Europe/Paris");
    ASSERT_TRUE(settings);
    EXPECT_FALSE(settings->publish_at) << "an empty date is no schedule";
    EXPECT_EQ(settings->visibility, kb::Visibility::public_);
}

TEST(KbAdminViews, BadSettingsAreRefusedWithAMessageKey) {
    struct Case {
        void (*change)(SettingsForm&);
        const char* key;
    };
    const Case cases[] = {
        {[](SettingsForm& f) { f.section_id = ""; }, "kb.error.section_not_found"},
        {[](SettingsForm& f) { f.section_id = "0"; }, "kb.error.section_not_found"},
        {[](SettingsForm& f) { f.section_id = "3; DROP TABLE"; }, "kb.error.section_not_found"},
        {[](SettingsForm& f) { f.visibility = "everyone"; }, "kb_admin.error.visibility_invalid"},
        {[](SettingsForm& f) { f.visibility = ""; }, "kb_admin.error.visibility_invalid"},
        {[](SettingsForm& f) { f.publish_at = "tomorrow"; }, "kb.error.publish_at_invalid"},
        {[](SettingsForm& f) { f.publish_at = "2026-02-30T10:00"; }, "kb.error.publish_at_invalid"},
    };
    for (const auto& c : cases) {
        auto form = valid_settings();
        c.change(form);
        auto settings = to_settings(form, "UTC");
        ASSERT_FALSE(settings) << c.key;
        EXPECT_EQ(settings.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(settings.error().public_message, c.key);
    }
}

TEST(KbAdminViews, TextAsTheServiceTakesIt) {
    const auto text = to_translation({"fr", "Titre", "Corps", "facture, PDF,,", "note"});
    EXPECT_EQ(text.language, "fr");
    EXPECT_EQ(text.title, "Titre");
    EXPECT_EQ(text.body, "Corps");
    EXPECT_EQ(text.labels, (std::vector<std::string>{"facture", "PDF"}));
    EXPECT_EQ(text.note, "note");
    EXPECT_TRUE(text_form_readable({"fr", "Élan", "Café ☕", "", ""}));
    EXPECT_FALSE(text_form_readable({"fr", "Bad \xff", "", "", ""}));
    EXPECT_FALSE(text_form_readable({"fr", "", "", "", "\xc3"}));
}

TEST(KbAdminViews, OnlyRefusalsAboutTheInputAreShownAsFormMessages) {
    EXPECT_TRUE(is_input_error({ErrorCode::invalid_input, "kb.error.title_required", ""}));
    EXPECT_TRUE(is_input_error({ErrorCode::conflict, "kb.error.category_not_empty", ""}));
    EXPECT_TRUE(is_input_error({ErrorCode::too_large, "upload.error.file_too_large", ""}));
    EXPECT_FALSE(is_input_error({ErrorCode::not_found, "kb.error.not_found", ""}));
    EXPECT_FALSE(is_input_error({ErrorCode::internal, "database error", ""}));
    EXPECT_FALSE(is_input_error({ErrorCode::unavailable, "", ""}));

    EXPECT_EQ(error_key({ErrorCode::invalid_input, "kb.error.title_required", ""}), "kb.error.title_required");
    EXPECT_EQ(error_key({ErrorCode::invalid_input, "upload.error.malformed", ""}), "upload.error.malformed");
    // Anything that is not one of our catalogue keys is never shown as is.
    EXPECT_EQ(error_key({ErrorCode::invalid_input, "SQLSTATE 23505 duplicate key", ""}), "kb_admin.error.failed");
    EXPECT_EQ(error_key({ErrorCode::conflict, "", ""}), "kb_admin.error.failed");
}

TEST(KbAdminViews, EditorLinks) {
    EXPECT_EQ(editor_url(42, "fr"), "/admin/kb/articles/42?language=fr");
    EXPECT_EQ(url_encode("prix & tarifs/été"), "prix%20%26%20tarifs%2F%C3%A9t%C3%A9");
}

}  // namespace
}  // namespace comptoir::web::kb_admin
