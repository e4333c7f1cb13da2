/* lk-test-generator.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-generator.h"
#include "lk-test-comfy.h"
#include "lk-test-pg.h"

G_BEGIN_DECLS

typedef struct
{
  char         *base;
  char         *downloads;
  LkTestDb     *db;
  LkComfySim   *sim;
  LkComfySim   *sim2;
  char         *url;
  char         *url2;
  LkCatalog    *catalog;
  LkServerPool *pool;
  LkGenerator  *generator;
  GPtrArray    *ready;        /* paths announced by output-ready */
} Fixture;

/* The demo LoRA file the demo studio registers (the test's argument). */
extern char *lk_test_generator_demo_lora;

LkComfySim  *lk_test_generator_start_sim (const char    *base,
                                          guint          step_ms,
                                          char         **url);
LkGenerator *lk_test_generator_make      (Fixture       *f,
                                          LkCatalog     *catalog,
                                          const char    *url,
                                          const char    *url2);
void         lk_test_generator_setup     (Fixture       *f,
                                          gconstpointer  data);
void         lk_test_generator_teardown  (Fixture       *f,
                                          gconstpointer  data);

G_END_DECLS
