#include "text/slug.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace comptoir::text {
namespace {

bool only_slug_characters(const std::string& slug) {
    for (char c : slug)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return !slug.empty() && slug.front() != '-' && slug.back() != '-' && slug.find("--") == std::string::npos;
}

TEST(Slugify, LowerCasesAndJoinsWordsWithDashes) {
    EXPECT_EQ(slugify("Changer mon mot de passe"), "changer-mon-mot-de-passe");
    EXPECT_EQ(slugify("Download an Invoice"), "download-an-invoice");
}

TEST(Slugify, RemovesFrenchAccentsAndLigatures) {
    EXPECT_EQ(slugify("Œuvre déjà été"), "oeuvre-deja-ete");
    EXPECT_EQ(slugify("Télécharger une facture (PDF)"), "telecharger-une-facture-pdf");
    EXPECT_EQ(slugify("Ça coûte combien ? À quelle échéance ?"), "ca-coute-combien-a-quelle-echeance");
    EXPECT_EQ(slugify("Straße, Ærø"), "strasse-aero");
}

TEST(Slugify, TransliteratesOtherScripts) {
    EXPECT_EQ(slugify("Привет мир"), "privet-mir");
    EXPECT_EQ(slugify("你好"), "ni-hao");
}

TEST(Slugify, TurnsPunctuationRunsIntoOneDash) {
    EXPECT_EQ(slugify("  --Bonjour,   le   monde !!--  "), "bonjour-le-monde");
    EXPECT_EQ(slugify("L'état d'urgence"), "l-etat-d-urgence");
    EXPECT_EQ(slugify("Offre 2024 : -50 % sur l'abonnement"), "offre-2024-50-sur-l-abonnement");
    EXPECT_EQ(slugify("C++ & Rust/Go"), "c-rust-go");
    EXPECT_EQ(slugify("a\tb\nc"), "a-b-c");
}

TEST(Slugify, FallsBackToArticleWhenNothingIsLeft) {
    EXPECT_EQ(slugify(""), "article");
    EXPECT_EQ(slugify("   "), "article");
    EXPECT_EQ(slugify("!!! ??? — …"), "article");
    EXPECT_EQ(slugify("🔑🎉"), "article");
}

TEST(Slugify, CutsLongTitlesBetweenWords) {
    const std::string title =
        "Comment configurer la facturation automatique mensuelle pour plusieurs organisations rattachées "
        "à un même compte principal";
    const std::string slug = slugify(title);
    EXPECT_EQ(slug, "comment-configurer-la-facturation-automatique-mensuelle-pour-plusieurs");
    EXPECT_LE(slug.size(), 80u);
    EXPECT_EQ(slugify("un deux trois", 7), "un-deux");  // "un-deux" is exactly 7
    EXPECT_EQ(slugify("un deux trois", 8), "un-deux");
    EXPECT_EQ(slugify("un deux trois", 6), "un");
}

TEST(Slugify, CutsASingleLongWordWhereItMust) {
    EXPECT_EQ(slugify("Anticonstitutionnellement", 10), "anticonsti");
    EXPECT_EQ(slugify(std::string(500, 'x'), 80), std::string(80, 'x'));
}

TEST(Slugify, SurvivesHostileInput) {
    EXPECT_EQ(slugify("caf\xC3 cr\xFF\xFEme"), "caf-cr-me");  // invalid UTF-8 is a separator
    EXPECT_EQ(slugify(std::string("a\0b", 3)), "a-b");
    const std::string huge(1 << 20, 'a');
    EXPECT_EQ(slugify(huge + " fin"), std::string(80, 'a'));
    for (const char* title : {"Œuvre déjà été", "((()))a((()))", "--a--b--", "日本語のタイトル", "x"}) {
        for (std::size_t max : {1u, 2u, 5u, 80u}) {
            const std::string slug = slugify(title, max);
            EXPECT_TRUE(only_slug_characters(slug)) << title << " → " << slug;
            if (slug != "article") {
                EXPECT_LE(slug.size(), max) << title;
            }
        }
    }
}

TEST(Slugify, GivesTheSameAnswerOnEveryThread) {
    const std::string expected = slugify("Télécharger une facture (PDF)");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i)
                if (slugify("Télécharger une facture (PDF)") != expected) ++wrong;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace comptoir::text
