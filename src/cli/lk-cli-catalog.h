/* lk-cli-catalog.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-cli.h"
#include "lk-local-server.h"

G_BEGIN_DECLS

/* Runs the async core API to completion: verbs are sequential, so a nested loop per call
 * keeps them readable. Start with LK_CLI_WAIT_INIT, pass lk_cli_wait_cb and the struct to
 * the _async call, then lk_cli_wait_run() returns the result (transfer full). */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} LkCliWait;

#define LK_CLI_WAIT_INIT { NULL, NULL }

void          lk_cli_wait_cb         (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data);
GAsyncResult *lk_cli_wait_run        (LkCliWait    *wait);

/* A session with the catalog: the embedded server when no connection is configured. */
typedef struct
{
  LkLocalServer *server;
  LkCatalog     *catalog;
  char          *conninfo;
} LkCliSession;

void          lk_cli_session_clear   (LkCliSession        *session);
gboolean      lk_cli_session_connect (LkCliSession        *session,
                                      LkCliContext        *ctx,
                                      GError             **error);
gboolean      lk_cli_session_open    (LkCliSession        *session,
                                      LkCliContext        *ctx,
                                      LkCatalogOpenFlags   flags,
                                      GError             **error);
LkCharacter  *lk_cli_find_character  (LkCliSession        *session,
                                      const char          *name,
                                      GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkCliSession, lk_cli_session_clear)

/* Prints the error; returns the exit code for it (2 for no connection, 1 otherwise). */
int           lk_cli_fail            (const GError        *error);

void          lk_cli_json_add_string (JsonBuilder         *builder,
                                      const char          *name,
                                      const char          *value);
void          lk_cli_json_add_strv   (JsonBuilder         *builder,
                                      const char          *name,
                                      const char * const  *values);
void          lk_cli_print_builder   (JsonBuilder         *builder);

/* Adds @name: @time as ISO 8601, or null. */
void          lk_cli_json_add_time   (JsonBuilder         *builder,
                                      const char          *name,
                                      GDateTime           *time);
/* @time in local time as "YYYY-MM-DD HH:MM:SS", for tables; NULL for NULL. */
char         *lk_cli_format_time     (GDateTime           *time);

G_END_DECLS
