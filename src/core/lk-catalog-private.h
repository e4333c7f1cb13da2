/* lk-catalog-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-catalog-objects-private.h"
#include "lk-catalog-pg.h"

G_BEGIN_DECLS

/* How a piece of work treats the catalog's state: reads are retried once on a fresh
 * connection when the old one turns out to be dead; writes are refused when read-only and
 * never retried (they may have been applied). */
typedef enum
{
  LK_CATALOG_WORK_READ,
  LK_CATALOG_WORK_WRITE,
  LK_CATALOG_WORK_SETUP,
} LkCatalogWorkKind;

/* Runs on the catalog's worker thread with its connection. On success, *result (or NULL
 * for a boolean TRUE) is handed to the task. */
typedef gboolean (*LkCatalogWorkFunc) (PGconn          *conn,
                                       gpointer         task_data,
                                       GCancellable    *cancellable,
                                       gpointer        *result,
                                       GDestroyNotify  *result_free,
                                       GError         **error);

#define LK_CATALOG_RECONNECT_MIN_MS 250
#define LK_CATALOG_RECONNECT_MAX_MS 5000

/* The connection used by the worker thread. Shared by the catalog and the work items in
 * flight, so it outlives whichever of them finishes last. */
typedef struct
{
  gatomicrefcount  ref;
  char            *conninfo;
  PGconn          *conn;        /* only touched by the worker thread */
  gint             needs_reset; /* atomic: the server went away, reconnect before using */
  gint             read_only;   /* atomic */
} LkCatalogBackend;

typedef struct
{
  LkCatalogBackend  *backend;
  GTask             *task;
  LkCatalogWorkKind  kind;
  LkCatalogWorkFunc  func;
} LkCatalogWork;

struct _LkCatalog
{
  GObject           parent_instance;

  /* Owned */
  char             *conninfo;
  char             *server;
  char             *notice;
  GError           *error;
  GMainContext     *context;
  LkCatalogBackend *backend;
  GThreadPool      *pool;
  PGconn           *listen_conn;
  GSource          *listen_source;
  GSource          *reconnect_source;
  GSource          *refresh_source;
  GCancellable     *cancellable;
  GListStore       *projects;
  GListStore       *characters;
  guint             reconnect_delay_ms;

  guint             opened : 1;
  guint             connected : 1;
  guint             read_only : 1;
  guint             want_projects : 1;
  guint             want_characters : 1;
  guint             refreshing : 1;
  guint             refresh_again : 1;
  guint             listen_connecting : 1;
};

void          _lk_catalog_queue               (LkCatalog          *self,
                                               GTask              *task,
                                               LkCatalogWorkKind   kind,
                                               LkCatalogWorkFunc   func);

/* Creates the task of an async catalog call and queues it: @source_tag identifies the call
 * for its _finish(); @task_data is what @func reads, freed with @task_data_free (NULL data is
 * never set, so it is never freed). The macro names the task after @source_tag, as
 * g_task_set_source_tag() does, so GLib's warnings about the task still say which call it is. */
void          (_lk_catalog_run)               (LkCatalog          *self,
                                               gpointer            source_tag,
                                               const char         *task_name,
                                               gpointer            task_data,
                                               GDestroyNotify      task_data_free,
                                               LkCatalogWorkKind   kind,
                                               LkCatalogWorkFunc   func,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
#define _lk_catalog_run(self, source_tag, ...) \
  (_lk_catalog_run) ((self), (source_tag), G_STRINGIFY (source_tag), __VA_ARGS__)
void          _lk_catalog_set_read_only       (LkCatalog          *self,
                                               gboolean            read_only,
                                               const char         *notice);
void          _lk_catalog_set_connected       (LkCatalog          *self,
                                               gboolean            connected,
                                               const GError       *error);
void          _lk_catalog_emit_changed        (LkCatalog          *self,
                                               const char         *table,
                                               gint64              id);
void          _lk_catalog_schedule_refresh    (LkCatalog          *self);
void          _lk_catalog_start_listening     (LkCatalog          *self,
                                               GTask              *open_task);
void          _lk_catalog_stop_listening      (LkCatalog          *self);
GListStore   *_lk_catalog_list_store_from     (GPtrArray          *items,
                                               GType               item_type);

/* lk-catalog-characters.c */
const char   *_lk_catalog_characters_sql      (void);
GPtrArray    *_lk_catalog_query_characters    (PGconn             *conn,
                                               gint64              project_id,
                                               GError            **error);
GPtrArray    *_lk_catalog_query_projects      (PGconn             *conn,
                                               GError            **error);
LkResolution *_lk_catalog_resolve_sync        (PGconn             *conn,
                                               gint64              character_id,
                                               GError            **error);
void          _lk_character_update_from       (LkCharacter        *self,
                                               LkCharacter        *from);
void          _lk_project_update_from         (LkProject          *self,
                                               LkProject          *from);

/* The columns _lk_catalog_model_from_row() reads, for an ai_models alias @m joined with its
 * model_details @d and lora_lineages @l. */
#define LK_MODEL_COLUMNS(m, d, l) \
  m ".id, " m ".name, " m ".type, " m ".model_path, " m ".file_path, " d ".sha256, " \
  d ".file_size, " d ".base_model, " d ".base_model_source, " d ".metadata::text, " \
  d ".lineage_id, " l ".name, " d ".training_session, " d ".epoch, " d ".steps, " \
  "to_json (" d ".trained_at)"
#define LK_MODEL_N_COLUMNS 16

/* lk-catalog-models.c */
LkModel      *_lk_catalog_model_from_row      (const PGresult     *res,
                                               int                 row,
                                               int                 first_col);
LkTemplate   *_lk_catalog_template_new        (gint64              id,
                                               const char         *name,
                                               const char         *workflow_json);

/* lk-catalog-scan.c */
typedef struct _LkLoraFacts LkLoraFacts;
LkLoraFacts  *_lk_lora_facts_read             (GFile              *file,
                                               GFile              *folder,
                                               GCancellable       *cancellable);
void          _lk_lora_facts_free             (LkLoraFacts        *facts);
const GError *_lk_lora_facts_get_error        (LkLoraFacts        *facts);
gboolean      _lk_catalog_register_lora_sync  (PGconn             *conn,
                                               LkLoraFacts        *facts,
                                               LkScanEntry        *entry,
                                               GError            **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkLoraFacts, _lk_lora_facts_free)

/* lk-catalog-demo.c */
GFile        *_lk_catalog_dup_demo_lora       (void);
gboolean      _lk_catalog_install_demo_sync   (PGconn             *conn,
                                               GFile              *demo_lora,
                                               GCancellable       *cancellable,
                                               GError            **error);

G_END_DECLS
