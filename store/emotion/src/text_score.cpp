#include "emotion/text_score.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "emotion/tokens.h"

namespace frontline::emotion {
namespace {

// VADER's constants (Hutto and Gilbert, 2014), which our rules follow.
constexpr float kNegation = -0.74f;      // a negated word's value is multiplied by it
constexpr float kCapitals = 0.733f;      // an ALL-CAPS word in a turn that is not
constexpr float kExclamation = 0.292f;   // per ! (at most four)
constexpr float kQuestion = 0.18f;       // per ? beyond the first (at most three)
constexpr float kNormalisation = 15.0f;  // valence = sum / sqrt(sum^2 + 15)
constexpr float kBeforeContrast = 0.5f;  // what precedes "but" weighs half
constexpr float kBareAgitation = -1.0f;  // shouting with no feeling word (ours)

struct Item {
  enum class Kind { Sentiment, Booster, Negator, Contrast, Neutral };
  Kind kind = Kind::Neutral;
  float value = 0;
  std::size_t first = 0, last = 0;  // token indices, inclusive
  int sentence = 0;
};

float sign(float v) {
  return v < 0 ? -1.0f : 1.0f;
}

// The longest word or phrase of the lexicon or its rules that starts at token i.
Item match(const WordRules& rules, const std::vector<Token>& tokens, std::size_t i) {
  Item best;
  best.first = best.last = i;
  best.sentence = tokens[i].sentence;
  std::string key;
  for (std::size_t n = 1; n <= rules.longestPhrase && i + n <= tokens.size(); ++n) {
    const Token& t = tokens[i + n - 1];
    if (t.kind != Token::Kind::Word || t.language != tokens[i].language) break;
    if (n > 1) key += ' ';
    key += t.key;
    Item found;
    found.first = i;
    found.last = i + n - 1;
    found.sentence = tokens[i].sentence;
    if (auto v = rules.valence.find(key); v != rules.valence.end()) {
      found.kind = v->second == 0 ? Item::Kind::Neutral : Item::Kind::Sentiment;
      found.value = v->second;
    }
    if (auto b = rules.boosters.find(key); b != rules.boosters.end()) {
      // A word that is both (好, so) boosts when a sentiment word follows; decided below.
      if (found.kind != Item::Kind::Sentiment || n > 1) {
        found.kind = Item::Kind::Booster;
        found.value = b->second;
      }
    }
    if (rules.negators.count(key)) found.kind = Item::Kind::Negator, found.value = 0;
    if (auto c = rules.contrast.find(key); c != rules.contrast.end()) {
      found.kind = Item::Kind::Contrast;
      found.value = c->second;
    }
    const bool known =
        rules.valence.count(key) || rules.boosters.count(key) || rules.negators.count(key) || rules.contrast.count(key);
    if (known) best = found;
  }
  return best;
}

}  // namespace

Feeling feelingOf(float valence) {
  if (valence >= kNeutralBand) return Feeling::Positive;
  if (valence <= -kNeutralBand) return Feeling::Negative;
  return Feeling::Neutral;
}

const char* nameOf(Feeling f) {
  switch (f) {
    case Feeling::Negative:
      return "negative";
    case Feeling::Positive:
      return "positive";
    case Feeling::Neutral:
      break;
  }
  return "neutral";
}

TurnScore scoreText(const Lexicon& lexicon, std::string_view text, std::optional<Language> language) {
  TurnScore score;
  const std::vector<Token> tokens = tokenize(lexicon, text);
  int english = 0, chinese = 0, capsWords = 0, lettersWords = 0, exclamations = 0, questions = 0, runs = 0;
  std::map<std::string, int> seen;
  int repeats = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::Kind::Punctuation) {
      exclamations += t.key == "!";
      questions += t.key == "?";
      const bool loud = t.key == "!" || t.key == "?";
      if (loud && i > 0 && tokens[i - 1].kind == Token::Kind::Punctuation &&
          (tokens[i - 1].key == "!" || tokens[i - 1].key == "?") &&
          (i < 2 || !(tokens[i - 2].key == "!" || tokens[i - 2].key == "?"))) {
        ++runs;  // "!!", "?!", "？？？": one run
      }
      continue;
    }
    (t.language == Language::English ? english : chinese) += 1;
    if (t.language == Language::English && t.text.size() >= 2) {
      ++lettersWords;
      capsWords += t.allCaps;
    }
    if (t.key.size() >= 3 && ++seen[t.key] == 2) ++repeats;
  }
  score.language = language ? *language : (chinese > english ? Language::Chinese : Language::English);
  const bool shouting = lettersWords > 0 && capsWords == lettersWords;

  // Words and phrases, longest first.
  std::vector<Item> items;
  for (std::size_t i = 0; i < tokens.size();) {
    if (tokens[i].kind == Token::Kind::Punctuation) {
      ++i;
      continue;
    }
    Item it = match(lexicon.rules(tokens[i].language), tokens, i);
    items.push_back(it);
    i = it.last + 1;
  }
  // Where each sentence's last contrast word is.
  std::map<int, std::size_t> contrastAt;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].kind == Item::Kind::Contrast) contrastAt[items[k].sentence] = k;
  }
  auto sameClause = [&](const Item& a, const Item& b) {
    for (std::size_t t = a.last + 1; t < b.first; ++t) {
      if (tokens[t].kind == Token::Kind::Punctuation) return false;
    }
    return true;
  };
  int boosters = 0, strong = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    Item& it = items[k];
    if (it.kind != Item::Kind::Sentiment) continue;
    // A sentiment word right before another that it could boost (好 in 好用心) boosts it.
    if (k + 1 < items.size() && items[k + 1].kind == Item::Kind::Sentiment && sameClause(it, items[k + 1])) {
      const WordRules& rules = lexicon.rules(tokens[it.first].language);
      std::string key;
      for (std::size_t t = it.first; t <= it.last; ++t) key += (t > it.first ? " " : "") + tokens[t].key;
      if (auto b = rules.boosters.find(key); b != rules.boosters.end()) {
        it.kind = Item::Kind::Booster;
        it.value = b->second;
        continue;
      }
    }
    const Language lang = tokens[it.first].language;
    const std::size_t reach = lang == Language::English ? 3 : 2;
    float v = it.value;
    bool negated = false;
    for (std::size_t back = 1; back <= reach && back <= k; ++back) {
      const Item& before = items[k - back];
      if (!sameClause(before, it)) break;
      if (before.kind == Item::Kind::Booster) {
        v += sign(v) * before.value * (1.0f - 0.05f * static_cast<float>(back - 1));
        ++boosters;
      } else if (before.kind == Item::Kind::Negator) {
        negated = true;
      }
    }
    if (lang == Language::English && !shouting) {
      bool caps = true;
      for (std::size_t t = it.first; t <= it.last; ++t) caps = caps && tokens[t].allCaps;
      if (caps) v += sign(v) * kCapitals;
    }
    if (negated) v *= kNegation;
    if (auto c = contrastAt.find(it.sentence); c != contrastAt.end()) {
      v *= k < c->second ? kBeforeContrast : items[c->second].value;
    }
    it.value = v;
    if (std::fabs(v) >= 2.5f) ++strong;
    ++score.sentimentWords;
    std::string words;
    for (std::size_t t = it.first; t <= it.last; ++t) {
      if (t > it.first && tokens[t].language == Language::English) words += ' ';
      words += tokens[t].text;
    }
    score.evidence.push_back({std::move(words), v, negated});
    score.sum += v;
  }
  if (score.sum == 0 && (shouting || runs > 0)) {
    // No feeling word, but shouting or "???": in a customer's message that is not calm
    // neutrality. Counted as one mildly negative word.
    score.sum = kBareAgitation;
    score.evidence.push_back({shouting ? "CAPITALS" : "?!", kBareAgitation, false});
    ++score.sentimentWords;
  }
  if (score.sum != 0) {
    score.sum += sign(score.sum) * kExclamation * static_cast<float>(std::min(exclamations, 4));
    if (questions > 1) score.sum += sign(score.sum) * kQuestion * static_cast<float>(std::min(questions, 3));
  }
  score.valence = score.sum / std::sqrt(score.sum * score.sum + kNormalisation);
  std::stable_sort(score.evidence.begin(), score.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return std::fabs(a.value) > std::fabs(b.value); });
  score.confidence = score.sentimentWords == 0 ? 0.0f
                                               : (1.0f - std::exp(-0.7f * static_cast<float>(score.sentimentWords))) *
                                                     (0.5f + 0.5f * std::fabs(score.valence));
  const float capsShare = lettersWords > 0 ? static_cast<float>(capsWords) / static_cast<float>(lettersWords) : 0;
  const float loud = 0.25f * static_cast<float>(std::min(exclamations, 6)) + 0.5f * static_cast<float>(runs) +
                     2.0f * capsShare + 0.3f * static_cast<float>(std::min(repeats, 4)) +
                     0.15f * static_cast<float>(std::min(boosters, 4)) + 0.2f * static_cast<float>(std::min(strong, 4));
  score.arousal = 1.0f - std::exp(-loud);
  return score;
}

int countWords(const Lexicon& lexicon, std::string_view text) {
  int count = 0;
  for (const Token& t : tokenize(lexicon, text)) {
    if (t.kind != Token::Kind::Word) continue;
    const auto& valence = lexicon.rules(t.language).valence;
    if (auto v = valence.find(t.key); v != valence.end() && v->second != 0) count += v->second > 0 ? 1 : -1;
  }
  return count;
}

}  // namespace frontline::emotion
