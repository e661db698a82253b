/* The libxml2 side of the CLIXML reader: everything that includes libxml2 headers lives here.
   See include/cxml_bridge.h for the contract. */

#include "cxml_bridge.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int cxb_libxml_version(void) { return LIBXML_VERSION; }

void cxb_init(void) { xmlInitParser(); }

void cxb_free(void *pointer) {
  if (pointer != NULL) xmlFree(pointer);
}

/* MARK: - Growable byte buffers */

/* A byte buffer the reader owns; its contents are handed out until the next event. */
typedef struct cxb_buffer {
  char *bytes;
  size_t length;
  size_t capacity;
} cxb_buffer;

/* Appends `count` bytes; returns 0 when memory is exhausted. */
static int buffer_append(cxb_buffer *buffer, const char *bytes, size_t count) {
  if (buffer->length + count + 1 > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (buffer->length + count + 1 > capacity) capacity *= 2;
    char *grown = realloc(buffer->bytes, capacity);
    if (grown == NULL) return 0;
    buffer->bytes = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->bytes + buffer->length, bytes, count);
  buffer->length += count;
  buffer->bytes[buffer->length] = '\0';
  return 1;
}

/* MARK: - The reader */

/* How many of the last bytes served from a streamed input stay readable: the error checks
   look at the bytes where libxml2 stopped, which it has been served shortly before. */
#define CXB_TAIL ((size_t)1 << 16)

struct cxb_reader {
  xmlTextReaderPtr text_reader;
  /* The input, served to libxml2 through read callbacks (no 2 GiB int limit). In memory, it is
     `input`, `input_length` bytes long; streamed, `input` is NULL and `input_length` counts
     the bytes served so far. */
  const char *input;
  size_t input_length;
  size_t input_offset;
  /* A streamed input: `source` gives the bytes; the prolog, read ahead to refuse a DOCTYPE,
     waits in `pending` until libxml2 asks; the last bytes served stay in `tail` (at most
     twice CXB_TAIL, at least CXB_TAIL once that many were served). */
  cxb_source_fn source;
  void *source_context;
  int source_done;
  cxb_buffer pending;
  size_t pending_offset;
  char *tail;
  size_t tail_length;
  int max_depth;
  /* Set once reading has stopped with an error. */
  int failed;
  /* An empty structural element (`<LST/>`) owes its caller an END event. */
  int pending_end;
  cxb_node pending_end_node;
  /* Line bookkeeping for documents longer than 65534 lines (libxml2 stores element
     lines in an unsigned short; text nodes carry the full line with XML_PARSE_BIG_LINES). */
  long last_line;
  /* Element names are interned in the reader's dictionary: a direct-mapped cache from
     name pointer to tag saves classifying the same name again. */
  const xmlChar *tag_cache_names[64];
  cxb_tag tag_cache_tags[64];
  /* Leaf text and the `N` attribute of the current event. */
  cxb_buffer text;
  cxb_buffer property_name;
  /* The first error: a fatal one replaces a recoverable one. */
  int has_error;
  cxb_error error;
  cxb_buffer error_message;
};

/* The libxml2 read callback: serves the next slice of the in-memory input. */
static int read_input(void *context, char *buffer, int length) {
  cxb_reader *reader = context;
  size_t remaining = reader->input_length - reader->input_offset;
  size_t count = (size_t)length < remaining ? (size_t)length : remaining;
  memcpy(buffer, reader->input + reader->input_offset, count);
  reader->input_offset += count;
  return (int)count;
}

/* Keeps the last bytes served, moving the newest CXB_TAIL to the front when the tail is full. */
static void remember(cxb_reader *reader, const char *bytes, size_t count) {
  reader->input_length += count;
  if (count >= CXB_TAIL) {
    memcpy(reader->tail, bytes + count - CXB_TAIL, CXB_TAIL);
    reader->tail_length = CXB_TAIL;
    return;
  }
  if (reader->tail_length + count > 2 * CXB_TAIL) {
    memmove(reader->tail, reader->tail + reader->tail_length - CXB_TAIL, CXB_TAIL);
    reader->tail_length = CXB_TAIL;
  }
  memcpy(reader->tail + reader->tail_length, bytes, count);
  reader->tail_length += count;
}

/* The libxml2 read callback of a streamed input: the prolog read ahead, then the source. */
static int read_source(void *context, char *buffer, int length) {
  cxb_reader *reader = context;
  size_t count = 0;
  if (reader->pending_offset < reader->pending.length) {
    size_t remaining = reader->pending.length - reader->pending_offset;
    count = (size_t)length < remaining ? (size_t)length : remaining;
    memcpy(buffer, reader->pending.bytes + reader->pending_offset, count);
    reader->pending_offset += count;
  } else if (!reader->source_done) {
    long got = reader->source(reader->source_context, buffer, (size_t)length);
    if (got < 0) {
      reader->source_done = 1;
      return -1;
    }
    if (got == 0) reader->source_done = 1;
    count = (size_t)got;
  }
  remember(reader, buffer, count);
  return (int)count;
}

/* Whether libxml2 has been served the whole input. */
static int input_exhausted(const cxb_reader *reader) {
  if (reader->source != NULL)
    return reader->source_done && reader->pending_offset >= reader->pending.length;
  return reader->input_offset >= reader->input_length;
}

/* The input's bytes from `offset` that are still at hand (NULL when none are), and how many. */
static const char *bytes_at(const cxb_reader *reader, size_t offset, size_t *available) {
  if (offset >= reader->input_length) return NULL;
  *available = reader->input_length - offset;
  if (reader->source == NULL) return reader->input + offset;
  if (*available > reader->tail_length) return NULL;
  return reader->tail + reader->tail_length - *available;
}

static int close_input(void *context) {
  (void)context;
  return 0;
}

/* MARK: - Errors */

/* Records an error; the first fatal one wins over any recoverable one. */
static void set_error(cxb_reader *reader, cxb_error_kind kind, int code, long line, int column,
                      long long byte_offset, const char *message, int recoverable) {
  if (reader->has_error && (recoverable || !reader->error.recoverable)) return;
  reader->has_error = 1;
  reader->error.kind = kind;
  reader->error.code = code;
  reader->error.line = line;
  reader->error.column = column;
  reader->error.byte_offset = byte_offset;
  reader->error.recoverable = recoverable;
  /* Keep the first line, without trailing blanks or a trailing period. */
  reader->error_message.length = 0;
  const char *text = message ? message : "unknown error";
  size_t length = strcspn(text, "\r\n");
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '.')) length--;
  if (!buffer_append(&reader->error_message, text, length)) reader->error_message.length = 0;
  reader->error.message = reader->error_message.bytes ? reader->error_message.bytes : "";
}

/* Whether `bytes` start with a complete, valid UTF-8 sequence. */
static int starts_with_valid_utf8(const unsigned char *bytes, size_t length) {
  if (length == 0) return 1;
  unsigned char lead = bytes[0];
  size_t count;
  uint32_t minimum;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) { count = 2; minimum = 0x80; }
  else if (lead >= 0xE0 && lead <= 0xEF) { count = 3; minimum = 0x800; }
  else if (lead >= 0xF0 && lead <= 0xF4) { count = 4; minimum = 0x10000; }
  else return 0;
  if (length < count) return 0;
  uint32_t scalar = lead & (0x7F >> count);
  for (size_t i = 1; i < count; i++) {
    if ((bytes[i] & 0xC0) != 0x80) return 0;
    scalar = (scalar << 6) | (bytes[i] & 0x3F);
  }
  if (scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF)) return 0;
  return 1;
}

/* Whether the input, after trailing whitespace, ends with the root's end tag (`</Objs>`).
   (An empty `<Objs/>` leaves no element open, which is_truncation checks first.) */
static int ends_with_root_close(const cxb_reader *reader) {
  const char *input = reader->source != NULL ? reader->tail : reader->input;
  size_t end = reader->source != NULL ? reader->tail_length : reader->input_length;
  while (end > 0) {
    char c = input[end - 1];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
    end--;
  }
  return end >= 5 && memcmp(input + end - 5, "Objs>", 5) == 0;
}

/* How close to the end of the input an error must be to count as "the input ran out":
   libxml2 parses in chunks and reports an unfinished token where it began. */
#define CXB_END_SLACK 4096

/* Whether an error at `offset`, with `open_elements` still open, means the input ran out. */
static int is_truncation(const cxb_reader *reader, long long offset, int open_elements) {
  if (offset < 0 || open_elements <= 0 || ends_with_root_close(reader)) return 0;
  if (reader->source != NULL && !reader->source_done) return 0;
  return (size_t)offset + CXB_END_SLACK >= reader->input_length;
}

/* Classifies a libxml2 error. */
static cxb_error_kind classify_error(const cxb_reader *reader, const xmlError *error,
                                     long long offset, int open_elements) {
  switch (error->code) {
  case XML_ERR_UNDECLARED_ENTITY:
  case XML_WAR_UNDECLARED_ENTITY:
  case XML_ERR_UNPARSED_ENTITY:
  case XML_ERR_ENTITY_LOOP:
  case XML_ERR_ENTITY_BOUNDARY:
  case XML_ERR_ENTITYREF_SEMICOL_MISSING:
  case XML_ERR_ENTITY_IS_EXTERNAL:
  case XML_ERR_ENTITY_IS_PARAMETER:
  case XML_ERR_ENTITY_PE_INTERNAL:
  case XML_ERR_ENTITY_NOT_FINISHED:
  case XML_ERR_ENTITY_PROCESSING:
    return CXB_ERROR_ENTITY;
  case XML_ERR_NO_MEMORY:
    return CXB_ERROR_RESOURCES;
  case XML_ERR_INVALID_ENCODING:
  case XML_ERR_UNKNOWN_ENCODING:
  case XML_ERR_UNSUPPORTED_ENCODING:
    return CXB_ERROR_ENCODING;
  case XML_ERR_DOCTYPE_NOT_FINISHED:
  case XML_ERR_EXT_SUBSET_NOT_FINISHED:
    return CXB_ERROR_DOCTYPE;
  default:
    break;
  }
  if (error->code == XML_ERR_INTERNAL_ERROR && error->message != NULL &&
      strstr(error->message, "Excessive depth") != NULL)
    return CXB_ERROR_DEPTH;
  /* "Input is not proper UTF-8" and "invalid char value" share one code: look at the bytes. */
  if (error->code == XML_ERR_INVALID_CHAR && offset >= 0) {
    size_t available = 0;
    const char *bytes = bytes_at(reader, (size_t)offset, &available);
    if (bytes != NULL && !starts_with_valid_utf8((const unsigned char *)bytes, available))
      return CXB_ERROR_ENCODING;
  }
  /* An error raised where the input runs out, inside an element that never closes. */
  if (is_truncation(reader, offset, open_elements)) return CXB_ERROR_TRUNCATED;
  return CXB_ERROR_MALFORMED;
}

/* The per-reader structured error handler (never the global ones). */
static void on_error(void *context, xmlErrorPtr error) {
  cxb_reader *reader = context;
  if (error == NULL || error->level == XML_ERR_WARNING || error->level == XML_ERR_NONE) return;
  long long offset = -1;
  int open_elements = 0;
  if (error->ctxt != NULL && error->domain == XML_FROM_PARSER) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)error->ctxt;
    offset = (long long)xmlByteConsumed(parser);
    open_elements = parser->nameNr;
  }
  int recoverable = error->level != XML_ERR_FATAL;
  set_error(reader, classify_error(reader, error, offset, open_elements), error->code, error->line,
            error->int2, offset, error->message, recoverable);
}

/* MARK: - DOCTYPE refusal */

/* Scans the prolog (whitespace, XML declaration, comments, processing instructions) for a
   DOCTYPE, so that no internal subset, and so no entity declaration, ever reaches libxml2.
   Returns the offset of `<!DOCTYPE`, or -1. Anything else is left for libxml2 to judge.
   `undecided` becomes 1 when the bytes end before the prolog does. */
static long long find_doctype(const char *bytes, size_t length, int *undecided) {
  *undecided = 0;
  size_t i = 0;
  /* libxml2 skips a byte order mark at the start of UTF-8 input, so this scan must too. */
  if (length >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < length) {
    char c = bytes[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { i++; continue; }
    if (c != '<') return -1;
    if (i + 1 >= length) break;
    if (bytes[i + 1] == '?') {
      const char *end = NULL;
      for (size_t j = i + 2; j + 1 < length; j++)
        if (bytes[j] == '?' && bytes[j + 1] == '>') { end = bytes + j + 2; break; }
      if (end == NULL) break;
      i = (size_t)(end - bytes);
      continue;
    }
    if (bytes[i + 1] == '!') {
      if (i + 3 < length && bytes[i + 2] == '-' && bytes[i + 3] == '-') {
        const char *end = NULL;
        for (size_t j = i + 4; j + 2 < length; j++)
          if (bytes[j] == '-' && bytes[j + 1] == '-' && bytes[j + 2] == '>') { end = bytes + j + 3; break; }
        if (end == NULL) break;
        i = (size_t)(end - bytes);
        continue;
      }
      if (i + 9 > length) break;
      if (memcmp(bytes + i, "<!DOCTYPE", 9) == 0) return (long long)i;
      return -1; /* another markup declaration: not well-formed, libxml2 says so */
    }
    return -1; /* the root element (or garbage libxml2 will report) */
  }
  *undecided = 1;
  return -1;
}

/* The 1-based line and column of `offset`. */
static void position_of(const char *bytes, size_t offset, long *line, int *column) {
  long lines = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; i++)
    if (bytes[i] == '\n') { lines++; line_start = i + 1; }
  *line = lines;
  *column = (int)(offset - line_start + 1);
}

/* MARK: - Opening and closing */

static cxb_reader *new_reader(int max_depth) {
  cxb_reader *reader = calloc(1, sizeof *reader);
  if (reader == NULL) return NULL;
  reader->max_depth = (max_depth <= 0 || max_depth > 256) ? 256 : max_depth;
  reader->last_line = 1;
  return reader;
}

/* Refuses a DOCTYPE in the prolog (`prolog` holds the input's first bytes, the whole prolog
   when there is one), then starts libxml2 on the input that `read` serves. */
static cxb_reader *start(cxb_reader *reader, const char *prolog, size_t prolog_length,
                         xmlInputReadCallback read) {
  int undecided;
  long long doctype = find_doctype(prolog, prolog_length, &undecided);
  if (doctype >= 0) {
    long line;
    int column;
    position_of(prolog, (size_t)doctype, &line, &column);
    set_error(reader, CXB_ERROR_DOCTYPE, 0, line, column, doctype,
              "document type declaration (DOCTYPE) refused", 0);
    reader->failed = 1;
    return reader;
  }

  /* NONET: no network. No NOENT (entities are not substituted), no DTDLOAD, no HUGE
     (libxml2 keeps its size and depth limits). BIG_LINES: line numbers past 65535.
     IGNORE_ENC: the bytes are UTF-8 whatever an XML declaration claims. */
  int options = XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC;
  reader->text_reader = xmlReaderForIO(read, close_input, reader, NULL, "UTF-8", options);
  if (reader->text_reader == NULL) {
    set_error(reader, CXB_ERROR_RESOURCES, 0, 0, 0, -1, "libxml2 could not create a reader", 0);
    reader->failed = 1;
    return reader;
  }
  xmlTextReaderSetStructuredErrorHandler(reader->text_reader, on_error, reader);
  return reader;
}

cxb_reader *cxb_reader_open_memory(const void *bytes, size_t length, int max_depth) {
  cxb_reader *reader = new_reader(max_depth);
  if (reader == NULL) return NULL;
  reader->input = bytes;
  reader->input_length = bytes ? length : 0;
  return start(reader, reader->input, reader->input_length, read_input);
}

/* The prolog is read ahead in steps of this many bytes until it ends. */
#define CXB_PROLOG_STEP ((size_t)1 << 16)

cxb_reader *cxb_reader_open_source(cxb_source_fn source, void *context, int max_depth) {
  cxb_reader *reader = new_reader(max_depth);
  if (reader == NULL) return NULL;
  reader->source = source;
  reader->source_context = context;
  reader->tail = malloc(2 * CXB_TAIL);
  if (reader->tail == NULL) {
    free(reader);
    return NULL;
  }
  int undecided = 1;
  while (undecided && !reader->source_done) {
    cxb_buffer *pending = &reader->pending;
    if (pending->capacity - pending->length < CXB_PROLOG_STEP + 1) {
      size_t capacity = pending->capacity ? pending->capacity * 2 : CXB_PROLOG_STEP + 1;
      char *grown = realloc(pending->bytes, capacity);
      if (grown == NULL) {
        cxb_reader_free(reader);
        return NULL;
      }
      pending->bytes = grown;
      pending->capacity = capacity;
    }
    long got = source(context, pending->bytes + pending->length, CXB_PROLOG_STEP);
    if (got <= 0) reader->source_done = 1;
    if (got > 0) pending->length += (size_t)got;
    find_doctype(pending->bytes ? pending->bytes : "", pending->length, &undecided);
  }
  return start(reader, reader->pending.bytes ? reader->pending.bytes : "", reader->pending.length,
               read_source);
}

void cxb_reader_free(cxb_reader *reader) {
  if (reader == NULL) return;
  if (reader->text_reader != NULL) xmlFreeTextReader(reader->text_reader);
  free(reader->text.bytes);
  free(reader->property_name.bytes);
  free(reader->error_message.bytes);
  free(reader->pending.bytes);
  free(reader->tail);
  free(reader);
}

int cxb_reader_error(const cxb_reader *reader, cxb_error *out) {
  if (reader == NULL || !reader->has_error) return 0;
  *out = reader->error;
  return 1;
}

long cxb_reader_line(const cxb_reader *reader) {
  if (reader == NULL || reader->text_reader == NULL) return 0;
  return xmlTextReaderGetParserLineNumber(reader->text_reader);
}

/* MARK: - Classifying elements */

/* Maps a CLIXML element name to its tag. */
static cxb_tag classify_tag(const char *name) {
  switch (name[0]) {
  case 'B':
    if (name[1] == '\0') return CXB_TAG_B;
    if (strcmp(name, "BA") == 0) return CXB_TAG_BA;
    if (strcmp(name, "By") == 0) return CXB_TAG_BY;
    break;
  case 'C':
    if (name[1] == '\0') return CXB_TAG_C;
    break;
  case 'D':
    if (name[1] == '\0') return CXB_TAG_D;
    if (strcmp(name, "DT") == 0) return CXB_TAG_DT;
    if (strcmp(name, "DCT") == 0) return CXB_TAG_DCT;
    if (strcmp(name, "Db") == 0) return CXB_TAG_DB;
    break;
  case 'E':
    if (strcmp(name, "En") == 0) return CXB_TAG_EN;
    break;
  case 'G':
    if (name[1] == '\0') return CXB_TAG_G;
    break;
  case 'I':
    if (strcmp(name, "I32") == 0) return CXB_TAG_I32;
    if (strcmp(name, "I64") == 0) return CXB_TAG_I64;
    if (strcmp(name, "I16") == 0) return CXB_TAG_I16;
    if (strcmp(name, "IE") == 0) return CXB_TAG_IE;
    break;
  case 'L':
    if (strcmp(name, "LST") == 0) return CXB_TAG_LST;
    break;
  case 'M':
    if (strcmp(name, "MS") == 0) return CXB_TAG_MS;
    break;
  case 'N':
    if (strcmp(name, "Nil") == 0) return CXB_TAG_NIL;
    break;
  case 'O':
    if (strcmp(name, "Obj") == 0) return CXB_TAG_OBJ;
    if (strcmp(name, "Objs") == 0) return CXB_TAG_OBJS;
    break;
  case 'P':
    if (strcmp(name, "Props") == 0) return CXB_TAG_PROPS;
    break;
  case 'Q':
    if (strcmp(name, "QUE") == 0) return CXB_TAG_QUE;
    break;
  case 'R':
    if (strcmp(name, "Ref") == 0) return CXB_TAG_REF;
    break;
  case 'S':
    if (name[1] == '\0') return CXB_TAG_S;
    if (strcmp(name, "SB") == 0) return CXB_TAG_SB;
    if (strcmp(name, "SS") == 0) return CXB_TAG_SS;
    if (strcmp(name, "Sg") == 0) return CXB_TAG_SG;
    if (strcmp(name, "STK") == 0) return CXB_TAG_STK;
    if (strcmp(name, "SBK") == 0) return CXB_TAG_SBK;
    break;
  case 'T':
    if (name[1] == '\0') return CXB_TAG_T;
    if (strcmp(name, "TN") == 0) return CXB_TAG_TN;
    if (strcmp(name, "TNRef") == 0) return CXB_TAG_TNREF;
    if (strcmp(name, "TS") == 0) return CXB_TAG_TS;
    if (strcmp(name, "ToString") == 0) return CXB_TAG_TOSTRING;
    break;
  case 'U':
    if (strcmp(name, "U32") == 0) return CXB_TAG_U32;
    if (strcmp(name, "U64") == 0) return CXB_TAG_U64;
    if (strcmp(name, "U16") == 0) return CXB_TAG_U16;
    if (strcmp(name, "URI") == 0) return CXB_TAG_URI;
    break;
  case 'V':
    if (strcmp(name, "Version") == 0) return CXB_TAG_VERSION;
    break;
  case 'X':
    if (strcmp(name, "XD") == 0) return CXB_TAG_XD;
    break;
  default:
    break;
  }
  return CXB_TAG_OTHER;
}

/* The tag of an element name, through the reader's cache. */
static cxb_tag tag_of(cxb_reader *reader, const xmlChar *name) {
  size_t slot = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 58);
  if (reader->tag_cache_names[slot] == name) return reader->tag_cache_tags[slot];
  cxb_tag tag = classify_tag((const char *)name);
  /* Cache only names the dictionary owns: those live as long as the reader. */
  if (xmlTextReaderConstString(reader->text_reader, name) == name) {
    reader->tag_cache_names[slot] = name;
    reader->tag_cache_tags[slot] = tag;
  }
  return tag;
}

/* Whether elements with this tag have element children (and so START/END events). */
static int is_structural(cxb_tag tag) {
  switch (tag) {
  case CXB_TAG_OBJS: case CXB_TAG_OBJ: case CXB_TAG_TN: case CXB_TAG_PROPS: case CXB_TAG_MS:
  case CXB_TAG_LST: case CXB_TAG_IE: case CXB_TAG_DCT: case CXB_TAG_STK: case CXB_TAG_QUE:
  case CXB_TAG_EN:
    return 1;
  default:
    return 0;
  }
}

/* MARK: - Reading */

/* The line where a node starts, exact past 65535 for typical layouts (see last_line). */
static long node_line(cxb_reader *reader, xmlNodePtr node) {
  if (node->line != 65535) {
    if (node->line > 0) reader->last_line = node->line;
    return reader->last_line;
  }
  if (node->type == XML_TEXT_NODE && node->psvi != NULL) {
    /* With XML_PARSE_BIG_LINES a text node keeps the line where its text ended,
       which is the line of the element that follows it. */
    reader->last_line = (long)(intptr_t)node->psvi;
  }
  return reader->last_line;
}

/* The text of an attribute; `*owned` is set when the caller must free it with xmlFree. */
static const char *attribute_text(xmlAttrPtr attribute, xmlChar **owned) {
  *owned = NULL;
  xmlNodePtr child = attribute->children;
  if (child == NULL) return "";
  if (child->type == XML_TEXT_NODE && child->next == NULL && child->content != NULL)
    return (const char *)child->content;
  *owned = xmlNodeListGetString(attribute->doc, child, 1);
  return *owned ? (const char *)*owned : "";
}

/* Parses a RefId: a non-negative decimal number, -1 when absent, -2 otherwise. */
static long long parse_ref_id(const char *text) {
  if (*text == '\0') return -2;
  long long value = 0;
  for (const char *p = text; *p; p++) {
    if (*p < '0' || *p > '9' || value > 100000000000000LL) return -2;
    value = value * 10 + (*p - '0');
  }
  return value;
}

/* Reads the `N` and `RefId` attributes of the current element into `out`. */
static int read_attributes(cxb_reader *reader, xmlNodePtr element, cxb_node *out) {
  out->property_name = NULL;
  out->property_name_length = 0;
  out->ref_id = -1;
  for (xmlAttrPtr attribute = element->properties; attribute != NULL; attribute = attribute->next) {
    const char *name = (const char *)attribute->name;
    int is_name = name[0] == 'N' && name[1] == '\0';
    int is_ref = !is_name && strcmp(name, "RefId") == 0;
    if (!is_name && !is_ref) continue;
    xmlChar *owned;
    const char *value = attribute_text(attribute, &owned);
    if (is_name) {
      reader->property_name.length = 0;
      if (!buffer_append(&reader->property_name, value, strlen(value))) {
        cxb_free(owned);
        return 0;
      }
      out->property_name = reader->property_name.bytes;
      out->property_name_length = reader->property_name.length;
    } else {
      out->ref_id = parse_ref_id(value);
    }
    cxb_free(owned);
  }
  return 1;
}

/* Stops reading with an error the bridge raised. */
static cxb_event fail(cxb_reader *reader, cxb_error_kind kind, const char *message) {
  if (!reader->has_error || reader->error.recoverable) {
    long line = reader->last_line;
    int column = reader->text_reader ? xmlTextReaderGetParserColumnNumber(reader->text_reader) : 0;
    set_error(reader, kind, 0, line, column, -1, message, 0);
  }
  reader->failed = 1;
  return CXB_EVENT_ERROR;
}

/* Stops reading after libxml2 returned -1 (its error handler has usually said why). */
static cxb_event fail_from_libxml(cxb_reader *reader) {
  if (reader->has_error && !reader->error.recoverable) {
    reader->failed = 1;
    return CXB_EVENT_ERROR;
  }
  if (input_exhausted(reader) && !ends_with_root_close(reader))
    return fail(reader, CXB_ERROR_TRUNCATED, "premature end of data");
  return fail(reader, CXB_ERROR_MALFORMED, "the xml parser stopped without saying why");
}

/* The longest leaf text accepted (libxml2 bounds each text node at 10 MB; a leaf made of
   many CDATA sections could otherwise grow without bound). */
#define CXB_MAX_LEAF_TEXT ((size_t)64 << 20)

/* Collects a leaf's text up to its end tag. */
static cxb_event read_leaf_text(cxb_reader *reader, int depth, cxb_node *out) {
  xmlTextReaderPtr text_reader = reader->text_reader;
  for (;;) {
    int status = xmlTextReaderRead(text_reader);
    if (status != 1) return status == 0 ? fail(reader, CXB_ERROR_TRUNCATED, "premature end of data")
                                        : fail_from_libxml(reader);
    xmlNodePtr node = xmlTextReaderCurrentNode(text_reader);
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      node_line(reader, node);
      const char *content = (const char *)node->content;
      if (content == NULL) continue;
      size_t length = strlen(content);
      if (reader->text.length + length > CXB_MAX_LEAF_TEXT)
        return fail(reader, CXB_ERROR_RESOURCES, "a value longer than 64 MiB");
      if (!buffer_append(&reader->text, content, length))
        return fail(reader, CXB_ERROR_RESOURCES, "out of memory");
      continue;
    }
    int type = xmlTextReaderNodeType(text_reader);
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
      if (xmlTextReaderDepth(text_reader) > reader->max_depth)
        return fail(reader, CXB_ERROR_DEPTH, "elements nested too deeply");
      out->leaf_had_elements = 1;
      break;
    case XML_READER_TYPE_END_ELEMENT:
      if (xmlTextReaderDepth(text_reader) == depth) return CXB_EVENT_LEAF;
      break;
    case XML_READER_TYPE_ENTITY_REFERENCE:
      return fail(reader, CXB_ERROR_ENTITY, "entity reference refused");
    case XML_READER_TYPE_DOCUMENT_TYPE:
      return fail(reader, CXB_ERROR_DOCTYPE, "document type declaration (DOCTYPE) refused");
    default:
      break;
    }
  }
}

cxb_event cxb_reader_next(cxb_reader *reader, cxb_node *out) {
  if (reader == NULL || out == NULL) return CXB_EVENT_ERROR;
  if (reader->failed) return CXB_EVENT_ERROR;
  if (reader->pending_end) {
    reader->pending_end = 0;
    *out = reader->pending_end_node;
    return CXB_EVENT_END;
  }
  xmlTextReaderPtr text_reader = reader->text_reader;
  for (;;) {
    int status = xmlTextReaderRead(text_reader);
    if (status == 0) {
      if (reader->has_error && !reader->error.recoverable) {
        reader->failed = 1;
        return CXB_EVENT_ERROR;
      }
      return CXB_EVENT_END_OF_DOCUMENT;
    }
    if (status < 0) return fail_from_libxml(reader);
    xmlNodePtr node = xmlTextReaderCurrentNode(text_reader);
    /* Text is skipped without xmlTextReaderNodeType, which scans it for blanks. */
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      node_line(reader, node);
      continue;
    }
    int type = xmlTextReaderNodeType(text_reader);
    switch (type) {
    case XML_READER_TYPE_ELEMENT: {
      xmlNodePtr element = node;
      int depth = xmlTextReaderDepth(text_reader);
      if (depth > reader->max_depth) return fail(reader, CXB_ERROR_DEPTH, "elements nested too deeply");
      out->name = (const char *)element->name;
      out->tag = tag_of(reader, element->name);
      out->depth = depth;
      out->line = node_line(reader, element);
      out->text = NULL;
      out->text_length = 0;
      out->leaf_had_elements = 0;
      if (!read_attributes(reader, element, out)) return fail(reader, CXB_ERROR_RESOURCES, "out of memory");
      int empty = xmlTextReaderIsEmptyElement(text_reader) == 1;
      if (is_structural(out->tag)) {
        if (empty) {
          reader->pending_end = 1;
          reader->pending_end_node = *out;
          reader->pending_end_node.property_name = NULL;
          reader->pending_end_node.property_name_length = 0;
        }
        return CXB_EVENT_START;
      }
      reader->text.length = 0;
      if (!empty) {
        cxb_event event = read_leaf_text(reader, depth, out);
        if (event != CXB_EVENT_LEAF) return event;
      }
      out->text = reader->text.bytes ? reader->text.bytes : "";
      out->text_length = reader->text.length;
      return CXB_EVENT_LEAF;
    }
    case XML_READER_TYPE_END_ELEMENT: {
      xmlNodePtr element = node;
      out->name = (const char *)element->name;
      out->tag = tag_of(reader, element->name);
      out->depth = xmlTextReaderDepth(text_reader);
      out->line = reader->last_line;
      out->property_name = NULL;
      out->property_name_length = 0;
      out->ref_id = -1;
      out->text = NULL;
      out->text_length = 0;
      out->leaf_had_elements = 0;
      return CXB_EVENT_END;
    }
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      /* Text between structural elements carries nothing in CLIXML. */
      node_line(reader, xmlTextReaderCurrentNode(text_reader));
      break;
    case XML_READER_TYPE_ENTITY_REFERENCE:
      return fail(reader, CXB_ERROR_ENTITY, "entity reference refused");
    case XML_READER_TYPE_DOCUMENT_TYPE:
      return fail(reader, CXB_ERROR_DOCTYPE, "document type declaration (DOCTYPE) refused");
    default:
      break; /* comments, processing instructions */
    }
  }
}
