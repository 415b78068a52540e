#pragma once
// Reading one XML part of a workbook with expat, as a stream of elements: names are local
// (the namespace dropped: `x:row` and `row` are the same), a document type declaration is
// refused (no entity can expand), and an exception thrown by a handler stops the parse and is
// rethrown from `parse_xml_part` (never through expat's C frames).

#include "archive.hpp"

#include <string_view>

namespace chiso::io::detail {

/// What a part's reader does with its elements.
class xml_handler {
public:
  virtual ~xml_handler() = default;
  /// An element starts; `attrs` is expat's list (name, value, ..., null), names as given to
  /// `xml_attr`.
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  /// Character data (in pieces: an element's text may come in several calls).
  virtual void text(std::string_view) {}
};

/// The value of the attribute with local name `name`, or null.
const char* xml_attr(const char** attrs, std::string_view name) noexcept;

/// Parses `part` of `zip` with `h`; `input_error` "<file>: part '<part>': line L: <reason>" for
/// XML that is not well formed or holds a document type declaration.
void parse_xml_part(xlsx_archive& zip, std::string_view part, xml_handler& h);

} // namespace chiso::io::detail
