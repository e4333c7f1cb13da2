/* lk-catalog-pg.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "lk-catalog-pg.h"

G_DEFINE_QUARK (lk-catalog-error-quark, lk_catalog_error)

/* The first line of libpq's message, and only its reason ("connection refused") when it has
 * the usual "connection to server at …, port … failed: reason" shape. */
static char *
extract_reason (const char *message)
{
  g_autofree char *first_line = NULL;
  const char *failed;
  const char *newline;
  char *reason;

  if (message == NULL || *message == '\0')
    return g_strdup (_("unknown error"));

  newline = strchr (message, '\n');
  first_line = newline ? g_strndup (message, newline - message) : g_strdup (message);
  failed = strstr (first_line, "failed: ");
  reason = g_strdup (failed ? failed + strlen ("failed: ") : first_line);
  g_strstrip (reason);

  /* "Connection refused" reads better inside a sentence in lower case. */
  if (g_ascii_isupper (reason[0]) && g_ascii_islower (reason[1]))
    reason[0] = g_ascii_tolower (reason[0]);

  return reason;
}

/**
 * _lk_pg_describe_target:
 * @conninfo: (nullable): the connection string (libpq defaults and PG* variables apply)
 * @conn: (nullable): a connection made from it, when there is one
 *
 * Returns: (transfer full): "host:port", or "the local socket in DIR" for a Unix socket.
 */
char *
_lk_pg_describe_target (const char *conninfo,
                        PGconn     *conn)
{
  const char *host = NULL;
  const char *port = NULL;
  PQconninfoOption *options = NULL;
  char *result;

  if (conn != NULL)
    {
      host = PQhost (conn);
      port = PQport (conn);
    }

  if (host == NULL || *host == '\0')
    {
      options = PQconninfoParse (conninfo ? conninfo : "", NULL);
      for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
        {
          if (g_str_equal (o->keyword, "host") && o->val && *o->val)
            host = o->val;
          else if (g_str_equal (o->keyword, "hostaddr") && o->val && *o->val && !host)
            host = o->val;
          else if (g_str_equal (o->keyword, "port") && o->val && *o->val)
            port = o->val;
        }
      if (host == NULL)
        host = g_getenv ("PGHOST");
      if (port == NULL)
        port = g_getenv ("PGPORT");
    }

  if (port == NULL || *port == '\0')
    port = "5432";

  if (host == NULL || *host == '\0' || host[0] == '/' || host[0] == '@')
    result = g_strdup_printf (_("the local socket in %s"),
                              (host && *host) ? host : "/var/run/postgresql");
  else
    result = g_strdup_printf ("%s:%s", host, port);

  if (options != NULL)
    PQconninfoFree (options);

  return result;
}

/**
 * _lk_pg_connect:
 * @conninfo: (nullable): a libpq connection string; %NULL or "" uses libpq's defaults
 * @error: return location for a %LK_CATALOG_ERROR_UNREACHABLE error
 *
 * Connects, blocking. The error names the server and libpq's reason.
 *
 * Returns: (transfer full) (nullable): the connection
 */
PGconn *
_lk_pg_connect (const char  *conninfo,
                GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *target = NULL;
  g_autofree char *reason = NULL;

  /* The connection string goes in as an expanded "dbname", so it may be key=value pairs or a
   * URI; what it says overrides these defaults, and libpq's PG* variables still apply. */
  const char *keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "10", "lorakeet", conninfo ? conninfo : "", NULL };

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    {
      /* Quiet NOTICEs ("relation already exists, skipping") and fixed, parseable output. */
      PQclear (PQexec (conn, "SET client_min_messages = warning; SET DateStyle = ISO"));
      PQsetClientEncoding (conn, "UTF8");
      return g_steal_pointer (&conn);
    }

  target = _lk_pg_describe_target (conninfo, conn);
  reason = extract_reason (conn ? PQerrorMessage (conn) : NULL);
  g_debug ("connection to %s failed: %s", target, conn ? PQerrorMessage (conn) : "out of memory");
  g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE,
               _("Cannot reach the studio catalog at %s: %s. Check that the server is running, "
                 "or clear the connection in Preferences to use Lorakeet's own database."),
               target, reason);

  return NULL;
}

/**
 * _lk_pg_connection_lost:
 * @conn: a connection
 *
 * Returns: whether @conn is no longer usable (the server went away).
 */
gboolean
_lk_pg_connection_lost (PGconn *conn)
{
  return conn == NULL || PQstatus (conn) != CONNECTION_OK;
}

/**
 * _lk_pg_set_error_from:
 * @conn: the connection
 * @result: (nullable): the failed result
 * @error: return location for a #GError
 *
 * Turns a failed result into a %LK_CATALOG_ERROR: %LK_CATALOG_ERROR_UNREACHABLE when the
 * connection is gone, %LK_CATALOG_ERROR_READ_ONLY for a read-only server, otherwise
 * %LK_CATALOG_ERROR_QUERY_FAILED with the server's message.
 */
void
_lk_pg_set_error_from (PGconn         *conn,
                       const PGresult *result,
                       GError        **error)
{
  const char *sqlstate = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *reason = NULL;

  g_debug ("query failed: %s", result ? PQresultErrorMessage (result) : PQerrorMessage (conn));

  if (_lk_pg_connection_lost (conn) || (sqlstate && g_str_has_prefix (sqlstate, "08"))
      || (sqlstate && g_str_has_prefix (sqlstate, "57P")))
    {
      g_autofree char *target = _lk_pg_describe_target (NULL, conn);

      reason = extract_reason (primary ? primary : PQerrorMessage (conn));
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE,
                   _("The connection to the studio catalog at %s was lost: %s. Lorakeet "
                     "reconnects by itself once the server is back."), target, reason);
      return;
    }

  if (sqlstate && g_str_equal (sqlstate, "25006"))
    {
      g_set_error_literal (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY,
                           _("The studio catalog is read-only: changes cannot be saved."));
      return;
    }

  g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_QUERY_FAILED,
               _("The studio catalog refused the request: %s"),
               primary ? primary : PQerrorMessage (conn));
}

/**
 * _lk_pg_exec:
 * @conn: a connection
 * @sql: one SQL statement with `$1…` placeholders
 * @n_params: the number of parameters
 * @values: (array length=n_params) (nullable): the parameters as text; %NULL entries are
 *   SQL NULL
 * @error: return location for a #GError
 *
 * Runs @sql with its parameters (never interpolated into the text).
 *
 * Returns: (transfer full) (nullable): the result of a successful statement
 */
PGresult *
_lk_pg_exec (PGconn             *conn,
             const char         *sql,
             int                 n_params,
             const char * const *values,
             GError            **error)
{
  g_autoptr(PGresult) res = NULL;
  ExecStatusType status;

  res = PQexecParams (conn, sql, n_params, NULL, values, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    return g_steal_pointer (&res);

  _lk_pg_set_error_from (conn, res, error);
  return NULL;
}

/**
 * _lk_pg_command:
 * @conn: a connection
 * @sql: one SQL statement
 * @n_params: the number of parameters
 * @values: (array length=n_params) (nullable): the parameters
 * @error: return location for a #GError
 *
 * Like _lk_pg_exec() for statements whose rows are not needed.
 *
 * Returns: %TRUE on success
 */
gboolean
_lk_pg_command (PGconn             *conn,
                const char         *sql,
                int                 n_params,
                const char * const *values,
                GError            **error)
{
  g_autoptr(PGresult) res = _lk_pg_exec (conn, sql, n_params, values, error);

  return res != NULL;
}

/**
 * _lk_pg_exec_script:
 * @conn: a connection
 * @script: several SQL statements without parameters (a migration file)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every statement succeeded
 */
gboolean
_lk_pg_exec_script (PGconn      *conn,
                    const char  *script,
                    GError     **error)
{
  g_autoptr(PGresult) res = PQexec (conn, script);
  ExecStatusType status = PQresultStatus (res);

  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY)
    return TRUE;

  _lk_pg_set_error_from (conn, res, error);
  return FALSE;
}

const char *
_lk_pg_str (const PGresult *res,
            int             row,
            int             col)
{
  if (PQgetisnull (res, row, col))
    return NULL;
  return PQgetvalue (res, row, col);
}

gint64
_lk_pg_int64 (const PGresult *res,
              int             row,
              int             col)
{
  if (PQgetisnull (res, row, col))
    return 0;
  return g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

double
_lk_pg_double (const PGresult *res,
               int             row,
               int             col,
               double          fallback)
{
  if (PQgetisnull (res, row, col))
    return fallback;
  return g_ascii_strtod (PQgetvalue (res, row, col), NULL);
}

gboolean
_lk_pg_bool (const PGresult *res,
             int             row,
             int             col)
{
  return !PQgetisnull (res, row, col) && PQgetvalue (res, row, col)[0] == 't';
}

/* Reads a column selected as a JSON array of strings (`to_json (words)`). */
char **
_lk_pg_text_array (const PGresult *res,
                   int             row,
                   int             col)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *text = _lk_pg_str (res, row, col);
  JsonNode *root;

  if (text != NULL)
    {
      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, text, -1, NULL)
          && (root = json_parser_get_root (parser)) != NULL
          && JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *array = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *node = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
                g_ptr_array_add (words, g_strdup (json_node_get_string (node)));
            }
        }
    }

  g_ptr_array_add (words, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* Reads a column selected as `to_json (ts)`: ISO 8601 with its offset. */
GDateTime *
_lk_pg_timestamp (const PGresult *res,
                  int             row,
                  int             col)
{
  g_autofree char *text = g_strdup (_lk_pg_str (res, row, col));

  if (text == NULL)
    return NULL;

  g_strdelimit (text, "\"", ' ');
  g_strstrip (text);

  return g_date_time_new_from_iso8601 (text, NULL);
}

char *
_lk_pg_int64_param (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

char *
_lk_pg_id_param (gint64 id)
{
  return id > 0 ? _lk_pg_int64_param (id) : NULL;
}

char *
_lk_pg_double_param (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}
