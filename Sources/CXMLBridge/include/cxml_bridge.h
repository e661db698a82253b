#ifndef CXML_BRIDGE_H
#define CXML_BRIDGE_H

/* The only interface Swift sees to libxml2: opaque types and plain C values.
   No libxml2 header may be included here (see ARCHITECTURE.md, the ICU clash).

   The reader is a pull parser over libxml2's xmlTextReader, shaped for Export-Clixml
   documents: one call returns one element event, with the element's CLIXML tag already
   classified, its `N` and `RefId` attributes read, and, for leaf elements (`S`, `I32`,
   `ToString`, `T`, ...), its text collected. Whitespace between elements, comments and
   processing instructions never reach the caller.

   Safety: the document is parsed with XML_PARSE_NONET and without NOENT, DTDLOAD or
   HUGE; a DOCTYPE is refused before libxml2 sees the bytes (so entity-expansion bombs
   are never parsed); entity references are refused; nesting is bounded. Errors are
   captured per reader through xmlTextReaderSetStructuredErrorHandler, never through
   libxml2's global handlers.

   Ownership: one reader has one owner and is used from one thread at a time. Strings in
   a cxb_node belong to the reader and stay valid until the next cxb_reader_next or
   cxb_reader_free call; the input bytes must outlive the reader. */

#include <stddef.h>

#pragma clang assume_nonnull begin

/* Closed enums import into Swift as Swift enums; CXB_SWIFT names their cases. */
#if defined(__has_attribute) && __has_attribute(enum_extensibility)
#define CXB_CLOSED_ENUM __attribute__((enum_extensibility(closed)))
#else
#define CXB_CLOSED_ENUM
#endif
#if defined(__has_attribute) && __has_attribute(swift_name)
#define CXB_SWIFT(name) __attribute__((swift_name(#name)))
#else
#define CXB_SWIFT(name)
#endif

/* The libxml2 version the bridge was compiled against, e.g. 20914. */
int cxb_libxml_version(void);

/* Initialises libxml2 once per process. Call it before any reader is opened and before
   any concurrency starts (Swift does this through a lazily initialised global). */
void cxb_init(void);

/* Frees memory that libxml2 allocated (xmlFree is a global variable that Swift 6 rejects). */
void cxb_free(void *_Nullable pointer);

/* An Export-Clixml reader. Opaque. */
typedef struct cxb_reader cxb_reader;

/* What cxb_reader_next returned. */
typedef enum CXB_CLOSED_ENUM cxb_event {
  /* The document ended normally. */
  CXB_EVENT_END_OF_DOCUMENT CXB_SWIFT(endOfDocument) = 0,
  /* A structural element opened (`Objs`, `Obj`, `TN`, `Props`, `MS`, `LST`, `IE`, `DCT`,
     `STK`, `QUE`, `En`); a matching CXB_EVENT_END always follows, also for `<LST/>`. */
  CXB_EVENT_START CXB_SWIFT(start) = 1,
  /* A structural element closed. */
  CXB_EVENT_END CXB_SWIFT(end) = 2,
  /* A leaf element (every other element), complete with its text; no END follows. */
  CXB_EVENT_LEAF CXB_SWIFT(leaf) = 3,
  /* Reading stopped; see cxb_reader_error. Later calls return CXB_EVENT_ERROR again. */
  CXB_EVENT_ERROR CXB_SWIFT(error) = 4,
} cxb_event;

/* CLIXML element names, classified by the bridge (PowerShell SerializationStrings.cs). */
typedef enum CXB_CLOSED_ENUM cxb_tag {
  /* An element CLIXML does not define. */
  CXB_TAG_OTHER CXB_SWIFT(other) = 0,
  /* Structure: START ... END. */
  CXB_TAG_OBJS CXB_SWIFT(objs),
  CXB_TAG_OBJ CXB_SWIFT(obj),
  CXB_TAG_TN CXB_SWIFT(tn),
  CXB_TAG_PROPS CXB_SWIFT(props),
  CXB_TAG_MS CXB_SWIFT(ms),
  CXB_TAG_LST CXB_SWIFT(lst),
  CXB_TAG_IE CXB_SWIFT(ie),
  CXB_TAG_DCT CXB_SWIFT(dct),
  CXB_TAG_STK CXB_SWIFT(stk),
  CXB_TAG_QUE CXB_SWIFT(que),
  CXB_TAG_EN CXB_SWIFT(en),
  /* Leaves with a structural role. */
  CXB_TAG_T CXB_SWIFT(t),
  CXB_TAG_TNREF CXB_SWIFT(tnRef),
  CXB_TAG_TOSTRING CXB_SWIFT(toString),
  CXB_TAG_REF CXB_SWIFT(ref),
  CXB_TAG_NIL CXB_SWIFT(null),
  /* String-like primitives. */
  CXB_TAG_S CXB_SWIFT(s),
  CXB_TAG_C CXB_SWIFT(c),
  CXB_TAG_G CXB_SWIFT(g),
  CXB_TAG_URI CXB_SWIFT(uri),
  CXB_TAG_VERSION CXB_SWIFT(version),
  CXB_TAG_DT CXB_SWIFT(dt),
  CXB_TAG_TS CXB_SWIFT(ts),
  CXB_TAG_BA CXB_SWIFT(ba),
  CXB_TAG_SS CXB_SWIFT(ss),
  CXB_TAG_XD CXB_SWIFT(xd),
  CXB_TAG_SBK CXB_SWIFT(sbk),
  /* Boolean. */
  CXB_TAG_B CXB_SWIFT(b),
  /* Numbers. */
  CXB_TAG_I16 CXB_SWIFT(i16),
  CXB_TAG_I32 CXB_SWIFT(i32),
  CXB_TAG_I64 CXB_SWIFT(i64),
  CXB_TAG_U16 CXB_SWIFT(u16),
  CXB_TAG_U32 CXB_SWIFT(u32),
  CXB_TAG_U64 CXB_SWIFT(u64),
  CXB_TAG_BY CXB_SWIFT(by),
  CXB_TAG_SB CXB_SWIFT(sb),
  CXB_TAG_DB CXB_SWIFT(db),
  CXB_TAG_SG CXB_SWIFT(sg),
  CXB_TAG_D CXB_SWIFT(d),
} cxb_tag;

/* One element event. */
typedef struct cxb_node {
  cxb_tag tag;
  /* Element depth; the root element is 0. */
  int depth;
  /* 1-based line where the element starts. */
  long line;
  /* The element's local name (NUL-terminated). */
  const char *_Nullable name;
  /* The `N` attribute (UTF-8, not NUL-terminated), or NULL when absent. */
  const char *_Nullable property_name;
  size_t property_name_length;
  /* The `RefId` attribute as a number; -1 when absent, -2 when not a decimal number. */
  long long ref_id;
  /* For a leaf: its text content (UTF-8, entities and character references already
     replaced, not NUL-terminated); length 0 for `<S/>`. NULL for other events. */
  const char *_Nullable text;
  size_t text_length;
  /* For a leaf: 1 when it contained child elements (not valid CLIXML; their text is
     included in `text`). */
  int leaf_had_elements;
} cxb_node;

/* Why reading stopped. */
typedef enum CXB_CLOSED_ENUM cxb_error_kind {
  CXB_ERROR_NONE CXB_SWIFT(none) = 0,
  /* Not well-formed XML (libxml2's message says what). */
  CXB_ERROR_MALFORMED CXB_SWIFT(malformed) = 1,
  /* The input ends inside the document: premature end of data, no closing root tag. */
  CXB_ERROR_TRUNCATED CXB_SWIFT(truncated) = 2,
  /* A byte sequence that is not UTF-8. */
  CXB_ERROR_ENCODING CXB_SWIFT(encoding) = 3,
  /* A DOCTYPE declaration (refused before parsing). */
  CXB_ERROR_DOCTYPE CXB_SWIFT(doctype) = 4,
  /* An entity reference other than the five predefined ones. */
  CXB_ERROR_ENTITY CXB_SWIFT(entity) = 5,
  /* Elements nested deeper than the reader's limit. */
  CXB_ERROR_DEPTH CXB_SWIFT(depth) = 6,
  /* libxml2 could not allocate memory or create the reader. */
  CXB_ERROR_RESOURCES CXB_SWIFT(resources) = 7,
} cxb_error_kind;

/* The first error a reader met. */
typedef struct cxb_error {
  cxb_error_kind kind;
  /* libxml2's xmlParserErrors code, or 0 for errors the bridge raised. */
  int code;
  /* 1-based line and column, 0 when unknown. */
  long line;
  int column;
  /* Offset in the input where the parser was, or -1 when unknown. */
  long long byte_offset;
  /* One line of text without a trailing newline or period, as libxml2 wrote it
     (or the bridge's own wording); owned by the reader. */
  const char *_Nullable message;
  /* 1 when the error did not stop the parser (libxml2 recovered, e.g. a namespace error). */
  int recoverable;
} cxb_error;

/* Opens a reader over `length` bytes of UTF-8 without a byte order mark.
   `max_depth` bounds element nesting (the root is depth 0); values <= 0 or above 256
   mean 256. Returns NULL only when memory is exhausted. A document that starts with a
   DOCTYPE gives a reader whose first cxb_reader_next returns CXB_EVENT_ERROR. */
cxb_reader *_Nullable cxb_reader_open_memory(const void *_Nullable bytes, size_t length,
                                             int max_depth);

/* Gives a streamed input's next bytes: at most `length` of them into `buffer`. Returns how
   many, 0 at the end of the input, or -1 when the input cannot be read. */
typedef long (*cxb_source_fn)(void *_Nullable context, char *buffer, size_t length);

/* Opens a reader over UTF-8 that `source` gives as libxml2 asks for it (the reader holds a
   few of the last bytes, not the input). Otherwise as cxb_reader_open_memory; a source that
   fails makes reading stop with an error. `context` is passed to `source` and must outlive
   the reader. */
cxb_reader *_Nullable cxb_reader_open_source(cxb_source_fn source, void *_Nullable context,
                                             int max_depth);

/* Advances to the next element event and describes it in `out`. */
cxb_event cxb_reader_next(cxb_reader *reader, cxb_node *out);

/* The first error met so far, if any. Returns 1 and fills `out` when there is one. */
int cxb_reader_error(const cxb_reader *reader, cxb_error *out);

/* The line the parser has reached (ahead of the current event by up to a few hundred
   bytes: libxml2 parses in chunks). */
long cxb_reader_line(const cxb_reader *reader);

/* Frees the reader and everything it owns. NULL is ignored. */
void cxb_reader_free(cxb_reader *_Nullable reader);

#pragma clang assume_nonnull end

#endif
