/* lk-test-pg.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

/* Scratch databases on the harness's PostgreSQL (libpq defaults: the PG* variables set by
 * pg_virtualenv), one per test case, dropped afterwards. */
typedef struct
{
  char *name;
  char *conninfo;
} LkTestDb;

gboolean  lk_test_pg_available    (void);
void      lk_test_pg_require      (void);
LkTestDb *lk_test_db_new          (void);
void      lk_test_db_free         (LkTestDb   *db);
PGconn   *lk_test_db_connect      (LkTestDb   *db);
void      lk_test_db_exec         (LkTestDb   *db,
                                   const char *sql);
void      lk_test_db_exec_file    (LkTestDb   *db,
                                   const char *path);
char     *lk_test_db_query_value  (LkTestDb   *db,
                                   const char *sql);
void      lk_test_db_migrate      (LkTestDb   *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTestDb, lk_test_db_free)

/* Iterates the default main context until *@flag is set; fails the test after
 * @timeout_seconds, so no loop is unbounded. */
void      lk_test_wait_for        (gboolean   *flag,
                                   guint       timeout_seconds);

/* One asynchronous call awaited: pass lk_test_async_cb() as the callback and the struct as
 * its data, then take the result with lk_test_async_wait(). */
typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} LkTestAsync;

void          lk_test_async_cb   (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

/* Waits (bounded by @timeout_seconds) and returns the result, which the caller owns. */
GAsyncResult *lk_test_async_wait (LkTestAsync  *async,
                                  guint         timeout_seconds);

/* A catalog on @conninfo, migrated and holding the demo studio with @demo_lora_path as Mei
 * Kobayashi's LoRA; fails the test on any error. */
LkCatalog    *lk_test_open_demo_catalog (const char *conninfo,
                                         const char *demo_lora_path);

/* A throwaway PostgreSQL cluster of the test's own, which it may stop and restart. As root
 * the server runs as nobody (PostgreSQL refuses root). */
typedef struct _LkTestCluster LkTestCluster;

LkTestCluster *lk_test_cluster_new          (GError        **error);
const char    *lk_test_cluster_get_conninfo (LkTestCluster  *cluster);
gboolean       lk_test_cluster_stop         (LkTestCluster  *cluster,
                                             GError        **error);
gboolean       lk_test_cluster_start        (LkTestCluster  *cluster,
                                             GError        **error);
void           lk_test_cluster_free         (LkTestCluster  *cluster);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTestCluster, lk_test_cluster_free)

/* Runs a program as nobody (through setpriv) when root, as is otherwise. */
char         **lk_test_unprivileged_argv    (const char * const *argv);

/* As root, where PostgreSQL refuses to run, runs the test @test_path of the program
 * @self_path again as nobody, in a temporary HOME that nobody owns, and asserts that it
 * passed (it skips when setpriv is missing or nobody cannot read the build tree).
 * @tmp_prefix names the temporary folder; keep it short, the server's socket path must stay
 * under 108 bytes. */
void           lk_test_rerun_unprivileged   (const char         *self_path,
                                             const char         *test_path,
                                             const char         *tmp_prefix);

G_END_DECLS
