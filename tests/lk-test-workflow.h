/* lk-test-workflow.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-workflow.h"

G_BEGIN_DECLS

char       *lk_test_read_workflow    (const char *name,
                                      gsize      *length);
LkWorkflow *lk_test_load_workflow    (const char *name);
void        lk_test_assert_valid     (LkWorkflow *workflow);
void        lk_test_assert_unchanged (LkWorkflow *workflow,
                                      const char *before);
char       *lk_test_input_json       (LkWorkflow *workflow,
                                      const char *node_id,
                                      const char *input);
void        lk_test_assert_input     (LkWorkflow *workflow,
                                      const char *node_id,
                                      const char *input,
                                      const char *expected);
const char *lk_test_input_string     (LkWorkflow *workflow,
                                      const char *node_id,
                                      const char *input);
char       *lk_test_changes_joined   (LkWorkflow *workflow);
GDateTime  *lk_test_fixed_time       (void);

G_END_DECLS
