/* lk-toml-writer.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * LkTomlWriter
 *
 * Writes the little TOML that kohya's `dataset_config.toml` needs: tables, arrays of
 * tables, and string, integer, float and boolean keys. Strings are written as basic strings
 * with every control character escaped, so any file name round-trips.
 */
typedef struct _LkTomlWriter LkTomlWriter;

/**
 * lk_toml_writer_new:
 *
 * Returns: (transfer full): an empty document
 */
LkTomlWriter *lk_toml_writer_new          (void);

/**
 * lk_toml_writer_free:
 * @self: a writer
 *
 * Frees @self.
 */
void          lk_toml_writer_free         (LkTomlWriter *self);

/**
 * lk_toml_writer_table:
 * @self: a writer
 * @name: a dotted table name ("general")
 *
 * Starts `[name]`; the keys that follow belong to it.
 */
void          lk_toml_writer_table        (LkTomlWriter *self,
                                           const char   *name);

/**
 * lk_toml_writer_array_table:
 * @self: a writer
 * @name: a dotted table name ("datasets.subsets")
 *
 * Starts a new element `[[name]]` of an array of tables.
 */
void          lk_toml_writer_array_table  (LkTomlWriter *self,
                                           const char   *name);

/**
 * lk_toml_writer_string:
 * @self: a writer
 * @key: a bare key (letters, digits, `_`, `-`)
 * @value: the value, UTF-8
 *
 * Writes `key = "value"`.
 */
void          lk_toml_writer_string       (LkTomlWriter *self,
                                           const char   *key,
                                           const char   *value);

/**
 * lk_toml_writer_int:
 * @self: a writer
 * @key: a bare key
 * @value: the value
 *
 * Writes `key = 12`.
 */
void          lk_toml_writer_int          (LkTomlWriter *self,
                                           const char   *key,
                                           gint64        value);

/**
 * lk_toml_writer_double:
 * @self: a writer
 * @key: a bare key
 * @value: a finite value
 *
 * Writes `key = 0.5`, always with a decimal point or exponent (locale-independent).
 */
void          lk_toml_writer_double       (LkTomlWriter *self,
                                           const char   *key,
                                           double        value);

/**
 * lk_toml_writer_bool:
 * @self: a writer
 * @key: a bare key
 * @value: the value
 *
 * Writes `key = true` or `key = false`.
 */
void          lk_toml_writer_bool         (LkTomlWriter *self,
                                           const char   *key,
                                           gboolean      value);

/**
 * lk_toml_writer_get_text:
 * @self: a writer
 *
 * Returns: (transfer none): the document so far
 */
const char   *lk_toml_writer_get_text     (LkTomlWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTomlWriter, lk_toml_writer_free)

G_END_DECLS
