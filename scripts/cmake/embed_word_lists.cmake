# Run with cmake -P: writes OUTPUT, a C++ file defining
# frontline::emotion::builtInWordLists() from the *.tsv files in DIR (assets/emotion): each
# file's name and text, so the console scores with our own word lists when no folder of
# them is configured.
file(GLOB files RELATIVE ${DIR} ${DIR}/*.tsv)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  file(READ ${DIR}/${f} text)
  string(APPEND body "    {\"${f}\", R\"frontline_words(${text})frontline_words\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from assets/emotion by scripts/cmake/embed_word_lists.cmake. Do not edit.
#include \"emotion/word_lists.h\"

namespace frontline::emotion {
const std::vector<WordList>& builtInWordLists() {
  static const std::vector<WordList> lists{
${body}  };
  return lists;
}
}  // namespace frontline::emotion
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
