/* lk-catalog-pg.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "lk-catalog-error.h"

G_BEGIN_DECLS

/* Blocking libpq helpers shared by the catalog's worker thread, the migrator and the
 * embedded server. Call them from a worker thread, never from the main loop. */

PGconn     *_lk_pg_connect          (const char          *conninfo,
                                     GError             **error);
char       *_lk_pg_describe_target  (const char          *conninfo,
                                     PGconn              *conn);
gboolean    _lk_pg_connection_lost  (PGconn              *conn);
PGresult   *_lk_pg_exec             (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *values,
                                     GError             **error);
gboolean    _lk_pg_command          (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *values,
                                     GError             **error);
gboolean    _lk_pg_exec_script      (PGconn              *conn,
                                     const char          *script,
                                     GError             **error);
void        _lk_pg_set_error_from   (PGconn              *conn,
                                     const PGresult      *result,
                                     GError             **error);

const char *_lk_pg_str              (const PGresult      *res,
                                     int                  row,
                                     int                  col);
gint64      _lk_pg_int64            (const PGresult      *res,
                                     int                  row,
                                     int                  col);
double      _lk_pg_double           (const PGresult      *res,
                                     int                  row,
                                     int                  col,
                                     double               fallback);
gboolean    _lk_pg_bool             (const PGresult      *res,
                                     int                  row,
                                     int                  col);
char      **_lk_pg_text_array       (const PGresult      *res,
                                     int                  row,
                                     int                  col);
GDateTime  *_lk_pg_timestamp        (const PGresult      *res,
                                     int                  row,
                                     int                  col);
char       *_lk_pg_int64_param      (gint64               value);
/* A row id as a parameter; ids are positive, so 0 (none) becomes SQL NULL. */
char       *_lk_pg_id_param         (gint64               id);
char       *_lk_pg_double_param     (double               value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

G_END_DECLS
