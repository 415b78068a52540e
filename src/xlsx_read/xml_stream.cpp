#include "xml_stream.hpp"

#include "chiso/error.hpp"

#include <expat.h>

#include <exception>
#include <memory>
#include <string>

namespace chiso::io::detail {

namespace {

std::string_view local_name(const char* name) noexcept {
  const std::string_view n(name);
  const auto bar = n.rfind('|'); // namespace separator (XML_ParserCreateNS)
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

struct xml_state {
  xml_handler* h = nullptr;
  XML_Parser parser = nullptr;
  std::exception_ptr failure;
  bool doctype = false;
};

void stop_with(xml_state& s) {
  s.failure = std::current_exception();
  XML_StopParser(s.parser, XML_FALSE);
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto& s = *static_cast<xml_state*>(data);
  try {
    s.h->start(local_name(name), attrs);
  } catch (...) {
    stop_with(s);
  }
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<xml_state*>(data);
  try {
    s.h->end(local_name(name));
  } catch (...) {
    stop_with(s);
  }
}

void XMLCALL on_text(void* data, const XML_Char* text, int len) {
  auto& s = *static_cast<xml_state*>(data);
  try {
    s.h->text(std::string_view(text, static_cast<std::size_t>(len)));
  } catch (...) {
    stop_with(s);
  }
}

void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto& s = *static_cast<xml_state*>(data);
  s.doctype = true;
  XML_StopParser(s.parser, XML_FALSE);
}

} // namespace

const char* xml_attr(const char** attrs, std::string_view name) noexcept {
  for (; attrs && *attrs; attrs += 2)
    if (local_name(attrs[0]) == name) return attrs[1];
  return nullptr;
}

void parse_xml_part(xlsx_archive& zip, std::string_view part, xml_handler& h) {
  const std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> p(XML_ParserCreateNS(nullptr, '|'),
                                                                  XML_ParserFree);
  if (!p) throw std::bad_alloc();
  xml_state s{&h, p.get(), nullptr, false};
  XML_SetUserData(p.get(), &s);
  XML_SetElementHandler(p.get(), on_start, on_end);
  XML_SetCharacterDataHandler(p.get(), on_text);
  XML_SetStartDoctypeDeclHandler(p.get(), on_doctype);
  const std::string where = zip.at() + "part '" + std::string(part) + "': ";
  zip.read(part, [&](std::string_view bytes, bool last) {
    if (XML_Parse(p.get(), bytes.data(), static_cast<int>(bytes.size()), last) ==
        XML_STATUS_ERROR) {
      if (s.failure || s.doctype) return false;
      throw input_error(where + "line " + std::to_string(XML_GetCurrentLineNumber(p.get())) +
                        ": broken XML (" + XML_ErrorString(XML_GetErrorCode(p.get())) +
                        "); the file is not a valid workbook");
    }
    return true;
  });
  if (s.failure) std::rethrow_exception(s.failure);
  if (s.doctype)
    throw input_error(where + "holds a document type declaration, which no workbook needs "
                              "(refused: it could expand entities)");
}

} // namespace chiso::io::detail
