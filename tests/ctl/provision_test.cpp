// complaintctl provision: a valid provisioning file becomes the kiosk's config (minus the
// queue-only printer keys) and the queue's settings; an invalid one lists every problem,
// exits 2 and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "process.h"

namespace complaint::testing {
namespace {

const std::string k_valid = R"([site]
code = "SH02"
kiosk_id = "L3"
name_zh = "示例物业服务中心"
[sync]
url = "https://desk.example:8443"
key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
[kiosk]
staff_pin_hash = "$y$j9T$abcdefghijklmnopqrstu.$ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg"
[printer]
model = "Generic ESC/POS 80mm"
uri = "socket://127.0.0.1:9100"
queue = "receipt"
paper = 80
)";

class ProvisionTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = make_temp_dir("provision"); }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  ProcessResult provision(const std::string& text) {
    std::ofstream(m_dir + "/kiosk.toml") << text;
    return run_process({COMPLAINTCTL_PATH, "provision", m_dir + "/kiosk.toml", "--write",
                        m_dir + "/config.toml", "--printer-env", m_dir + "/printer.env"});
  }
  std::string replaced(const std::string& from, const std::string& to) {
    std::string text = k_valid;
    text.replace(text.find(from), from.size(), to);
    return text;
  }

  std::string m_dir;
};

TEST_F(ProvisionTest, ValidFileWritesTheConfigAndThePrinterSettings) {
  const ProcessResult result = provision(k_valid);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string config = read_file(m_dir + "/config.toml");
  EXPECT_NE(config.find("kiosk_id = 'L3'"), std::string::npos) << config;
  EXPECT_NE(config.find("00112233445566778899aabbccddeeff"), std::string::npos);
  EXPECT_EQ(config.find("model"), std::string::npos) << "queue-only keys stay out of the config";
  EXPECT_NE(config.find("data = 'cn'"), std::string::npos) << "the shipped holiday calendar: " << config;
  const std::string printer = read_file(m_dir + "/printer.env");
  EXPECT_NE(printer.find("PRINTER_QUEUE='receipt'"), std::string::npos) << printer;
  EXPECT_NE(printer.find("PRINTER_URI='socket://127.0.0.1:9100'"), std::string::npos) << printer;
  // The written config is a valid provisioning-free config: the kiosk loads it.
  const ProcessResult again =
      run_process({COMPLAINTCTL_PATH, "--config", m_dir + "/config.toml", "--db", m_dir + "/kiosk.db",
                   "--now", "2026-06-01T09:00:00+08:00", "check"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("unknown key"), std::string::npos) << again.err;
}

TEST_F(ProvisionTest, EveryProblemIsListedAndNothingIsWritten) {
  std::string text = replaced("kiosk_id = \"L3\"", "kisok_id = \"L3\"");
  text.replace(text.find("00112233"), 8, "zz112233");
  text.replace(text.find("https://desk"), 12, "ftp://desk");
  text.replace(text.find("paper = 80"), 10, "paper = 70");
  const ProcessResult result = provision(text);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("printer.paper"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(m_dir + "/config.toml"));
  // The paper error stops the typed config checks; with it fixed the rest are all listed.
  text.replace(text.find("paper = 70"), 10, "paper = 58");
  const ProcessResult fixed_paper = provision(text);
  EXPECT_EQ(fixed_paper.exit_code, 2);
  for (const char* expected :
       {"site.kiosk_id: missing", "unknown key: site.kisok_id", "sync.key: must be", "sync.url: must start"})
    EXPECT_NE(fixed_paper.err.find(expected), std::string::npos) << expected << " in " << fixed_paper.err;
  EXPECT_FALSE(std::filesystem::exists(m_dir + "/config.toml"));
  EXPECT_FALSE(std::filesystem::exists(m_dir + "/printer.env"));
}

TEST_F(ProvisionTest, MissingPinHashAndPrinterModelAreRequired) {
  std::string text = replaced("model = \"Generic ESC/POS 80mm\"\n", "");
  text.replace(text.find("staff_pin_hash"), 14, "# staff_pin_hash");
  const ProcessResult result = provision(text);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("kiosk.staff_pin_hash: missing"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("printer.model: missing"), std::string::npos) << result.err;
}

TEST_F(ProvisionTest, TheReportComesInEachLanguageAskedFor) {
  std::ofstream(m_dir + "/kiosk.toml") << replaced("https://desk", "ftp://desk");
  const ProcessResult both =
      run_process({COMPLAINTCTL_PATH, "provision", m_dir + "/kiosk.toml", "--lang", "zh-CN,en"});
  EXPECT_EQ(both.exit_code, 2);
  const std::size_t chinese = both.err.find("终端初始配置失败");
  const std::size_t english = both.err.find("KIOSK PROVISIONING FAILED");
  ASSERT_NE(chinese, std::string::npos) << both.err;
  ASSERT_NE(english, std::string::npos) << both.err;
  EXPECT_LT(chinese, english) << "in the order asked for";
  EXPECT_NE(both.err.find("sync.url：必须以 https:// 或 http:// 开头"), std::string::npos) << both.err;
  EXPECT_NE(both.err.find("sync.url: must start with https:// or http://"), std::string::npos) << both.err;

  std::ofstream(m_dir + "/kiosk.toml") << replaced("paper = 80", "paper = 70");
  const ProcessResult paper =
      run_process({COMPLAINTCTL_PATH, "provision", m_dir + "/kiosk.toml", "--lang", "zh-CN"});
  EXPECT_EQ(paper.exit_code, 2);
  EXPECT_NE(paper.err.find("“printer.paper”"), std::string::npos)
      << "the config check in Chinese: " << paper.err;
  EXPECT_NE(paper.err.find("must be 58 or 80"), std::string::npos) << "with its detail: " << paper.err;

  const ProcessResult unknown =
      run_process({COMPLAINTCTL_PATH, "provision", m_dir + "/kiosk.toml", "--lang", "fr"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.exit_code, 2) << "an unknown language is a usage problem, not a bad file";
}

// A desk with a private CA: its certificate beside kiosk.toml is copied beside the config.
TEST_F(ProvisionTest, APrivateCaBesideTheFileIsCopiedWithTheConfig) {
  const std::string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  std::filesystem::create_directory(m_dir + "/data");
  std::ofstream(m_dir + "/desk-ca.pem") << pem;
  std::ofstream(m_dir + "/kiosk.toml") << replaced("[kiosk]", "ca_file = \"desk-ca.pem\"\n[kiosk]");
  const ProcessResult ok = run_process(
      {COMPLAINTCTL_PATH, "provision", m_dir + "/kiosk.toml", "--write", m_dir + "/data/kiosk.toml"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  std::ifstream copied(m_dir + "/data/desk-ca.pem");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(copied), {}), pem);

  std::ofstream(m_dir + "/desk-ca.pem") << "not a certificate";
  const ProcessResult garbage = provision(replaced("[kiosk]", "ca_file = \"desk-ca.pem\"\n[kiosk]"));
  EXPECT_EQ(garbage.exit_code, 2);
  EXPECT_NE(garbage.err.find("sync.ca_file: must name a PEM certificate"), std::string::npos) << garbage.err;
  const ProcessResult missing = provision(replaced("[kiosk]", "ca_file = \"absent.pem\"\n[kiosk]"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("sync.ca_file"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(m_dir + "/config.toml")) << "nothing written";
}

TEST_F(ProvisionTest, AMissingFileSaysTheKioskIsNotProvisioned) {
  const ProcessResult result =
      run_process({COMPLAINTCTL_PATH, "provision", m_dir + "/absent.toml", "--lang", "en,zh-CN"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("KIOSK NOT PROVISIONED"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("终端尚未配置"), std::string::npos) << result.err;
}

TEST_F(ProvisionTest, NotTomlIsReportedWithItsLine) {
  const ProcessResult result = provision("[site\ncode = 1\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("not valid TOML"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace complaint::testing
