// load_migrations: file naming and numbering rules, and the shipped migrations.
#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "storage/test_support.hpp"

namespace comptoir::storage {
namespace {

namespace fs = std::filesystem;

class LoadMigrations : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = test_support::make_temp_dir("comptoir_migrations");
        fs::create_directories(dir());
    }
    void TearDown() override { fs::remove_all(root_); }
    fs::path dir() const { return root_ / "migrations" / "sqlite"; }
    void write(const std::string& name, const std::string& sql = "SELECT 1;") { std::ofstream(dir() / name) << sql; }
    std::string error() {
        auto r = load_migrations(root_ / "migrations", Backend::sqlite);
        EXPECT_FALSE(r);
        return r ? "" : r.error().public_message;
    }

    fs::path root_;
};

TEST_F(LoadMigrations, ReadsSortedByVersionIgnoringOtherFiles) {
    write("0002_second_step.sql", "CREATE TABLE b (x INTEGER);");
    write("0001_first.sql", "CREATE TABLE a (x INTEGER);");
    write("0010_tenth.sql.orig");
    write("README.md");
    for (int v = 3; v <= 10; ++v) write((v < 10 ? "000" : "00") + std::to_string(v) + "_m.sql");
    auto r = load_migrations(root_ / "migrations", Backend::sqlite);
    ASSERT_TRUE(r) << r.error().public_message;
    ASSERT_EQ(r->size(), 10u);
    EXPECT_EQ((*r)[0].version, 1);
    EXPECT_EQ((*r)[0].name, "0001_first");
    EXPECT_EQ((*r)[0].sql, "CREATE TABLE a (x INTEGER);");
    EXPECT_EQ((*r)[1].name, "0002_second_step");
    EXPECT_EQ((*r)[9].version, 10);
}

TEST_F(LoadMigrations, EmptyDirectoryIsNoMigrations) {
    auto r = load_migrations(root_ / "migrations", Backend::sqlite);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
}

TEST_F(LoadMigrations, RefusesAGap) {
    write("0001_a.sql");
    write("0003_c.sql");
    auto message = error();
    EXPECT_NE(message.find("gap"), std::string::npos) << message;
    EXPECT_NE(message.find("0003_c.sql"), std::string::npos) << message;
}

TEST_F(LoadMigrations, RefusesNotStartingAtOne) {
    write("0002_b.sql");
    EXPECT_NE(error().find("version 1 is missing"), std::string::npos);
}

TEST_F(LoadMigrations, RefusesDuplicateNumbers) {
    write("0001_a.sql");
    write("0002_b.sql");
    write("0002_c.sql");
    auto message = error();
    EXPECT_NE(message.find("duplicate"), std::string::npos) << message;
    EXPECT_NE(message.find("0002_b.sql"), std::string::npos) << message;
    EXPECT_NE(message.find("0002_c.sql"), std::string::npos) << message;
}

TEST_F(LoadMigrations, RefusesBadNames) {
    for (std::string name :
         {"1_a.sql", "0001-a.sql", "0001_.sql", "0001_CamelCase.sql", "abcd_x.sql", "0000_zero.sql", "0001_a b.sql"}) {
        fs::remove_all(dir());
        fs::create_directories(dir());
        write(name);
        auto message = error();
        EXPECT_NE(message.find("bad migration file name"), std::string::npos) << name << ": " << message;
    }
}

TEST_F(LoadMigrations, MissingDirectoryIsAnError) {
    auto r = load_migrations(root_ / "migrations", Backend::postgres);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().public_message.find("migrations/postgres"), std::string::npos);
}

// Gitea's rule: every schema change ships for both databases, under the same numbers and names.
TEST(ShippedMigrations, BothBackendsHaveTheSameSequence) {
    auto root = test_support::source_root() / "migrations";
    auto sqlite = load_migrations(root, Backend::sqlite);
    auto postgres = load_migrations(root, Backend::postgres);
    ASSERT_TRUE(sqlite) << sqlite.error().public_message;
    ASSERT_TRUE(postgres) << postgres.error().public_message;
    ASSERT_FALSE(sqlite->empty());
    ASSERT_EQ(sqlite->size(), postgres->size());
    for (std::size_t i = 0; i < sqlite->size(); ++i) EXPECT_EQ((*sqlite)[i].name, (*postgres)[i].name);
}

}  // namespace
}  // namespace comptoir::storage
