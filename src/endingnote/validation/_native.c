/* Tree walks over a parsed document, in C. The reference implementation, and the oracle of the
 * tests, is endingnote.validation._scan (tree_stats_py, collect_ids_py, mark_items_py):
 *
 *   tree_stats(obj, limit=-1)     (colons, depth): colons = dict keys in the whole tree + ':' characters
 *                                 in every str key and str value; depth = nesting depth (the root
 *                                 counts 1, each nested dict/list 1 more, scalars nothing). With
 *                                 limit >= 0 the walk stops once the depth passes it: (-1, limit + 1).
 *   collect_ids(doc, keys)        ({key: set of str ids of its list's dict elements}, [keys whose
 *                                 list repeats a str id]) for the keys whose value is a list
 *   mark_items(doc, index, n)     bytearray(n); flags[slot] = 1 for each member present in a record
 *                                 (a dict, or any dict element of a list) of the index's record keys
 *   pluck(doc, plan, n)           [list of str] * n: the str values at the places the plan names
 *
 * Walks are iterative (an explicit stack, bounded by MAX_FRAMES so a cyclic input cannot exhaust
 * memory). Containers on the stack and items being looked at are held by strong references, so
 * Python code run by an exotic key's __hash__/__eq__ cannot free them under us. Objects of other
 * types are ignored. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_FRAMES 1000000

typedef struct {
    PyObject *obj; /* strong reference: a dict or a list */
    Py_ssize_t pos;
    Py_ssize_t depth;
} Frame;

typedef struct {
    Frame *items;
    Py_ssize_t len, cap;
} Stack;

static int push(Stack *s, PyObject *obj, Py_ssize_t depth) {
    if (s->len == s->cap) {
        if (s->cap >= MAX_FRAMES) {
            PyErr_SetString(PyExc_RecursionError, "tree_stats: nesting too deep (or a cycle)");
            return -1;
        }
        Py_ssize_t cap = s->cap ? s->cap * 2 : 64;
        if (cap > MAX_FRAMES) cap = MAX_FRAMES;
        Frame *items = PyMem_Realloc(s->items, (size_t)cap * sizeof(Frame));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        s->items = items;
        s->cap = cap;
    }
    Py_INCREF(obj);
    s->items[s->len].obj = obj;
    s->items[s->len].pos = 0;
    s->items[s->len].depth = depth;
    s->len++;
    return 0;
}

static void stack_free(Stack *s) {
    while (s->len > 0) Py_DECREF(s->items[--s->len].obj);
    PyMem_Free(s->items);
    s->items = NULL;
    s->cap = 0;
}

/* ':' characters in a str (':' is ASCII, so also its UTF-8 bytes). 1-byte strings by memchr; 2-byte
 * ones four characters (a 64-bit word) at a time: a lane equal to ':' becomes zero after the XOR,
 * and ((x & 7FFF..) + 7FFF..) | x has a lane's top bit clear exactly when the lane is zero (no carry
 * crosses lanes); the 0/1 lanes are summed by one multiplication. */
#define ONES16 0x0001000100010001ULL

static inline uint64_t zero_lanes16(uint64_t x) {
    uint64_t t = ((x & (ONES16 * 0x7FFF)) + ONES16 * 0x7FFF) | x;
    return (((~t & (ONES16 * 0x8000)) >> 15) * ONES16) >> 48;
}

static Py_ssize_t count_colons(PyObject *s) {
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(s) < 0) return -1;
#endif
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), c = 0, i = 0;
    const void *data = PyUnicode_DATA(s);
    uint64_t w;
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: {
        const char *p = data, *end = p + n;
        while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
            c++;
            p++;
        }
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *p = data;
        for (; i + 4 <= n; i += 4) {
            memcpy(&w, p + i, 8);
            c += (Py_ssize_t)zero_lanes16(w ^ (ONES16 * ':'));
        }
        for (; i < n; i++) c += p[i] == ':';
        break;
    }
    default: {
        const Py_UCS4 *p = data;
        for (; i < n; i++) c += p[i] == ':';
        break;
    }
    }
    return c;
}

static PyObject *tree_stats(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    Py_ssize_t limit = -1;
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "tree_stats(obj, limit=-1, /)");
        return NULL;
    }
    if (nargs == 2) {
        limit = PyLong_AsSsize_t(args[1]);
        if (limit == -1 && PyErr_Occurred()) return NULL;
    }
    PyObject *root = args[0];
    Stack st = {NULL, 0, 0};
    Py_ssize_t colons = 0, best = 1, c;
    if (PyUnicode_Check(root)) {
        if ((c = count_colons(root)) < 0) return NULL;
        colons = c;
    } else if (PyDict_Check(root) || PyList_Check(root)) {
        if (push(&st, root, 1) < 0) goto fail;
    }
    if (limit >= 0 && best > limit) goto too_deep;
    while (st.len > 0) {
        Frame *top = &st.items[st.len - 1];
        PyObject *child;
        Py_ssize_t d = top->depth + 1;
        if (PyDict_Check(top->obj)) {
            PyObject *key;
            if (!PyDict_Next(top->obj, &top->pos, &key, &child)) {
                st.len--;
                Py_DECREF(top->obj);
                continue;
            }
            colons++;
            if (PyUnicode_Check(key)) {
                if ((c = count_colons(key)) < 0) goto fail;
                colons += c;
            }
        } else {
            if (top->pos >= PyList_GET_SIZE(top->obj)) {
                st.len--;
                Py_DECREF(top->obj);
                continue;
            }
            child = PyList_GET_ITEM(top->obj, top->pos);
            top->pos++;
        }
        /* top may move once something is pushed: not used below */
        if (PyUnicode_Check(child)) {
            if ((c = count_colons(child)) < 0) goto fail;
            colons += c;
        } else if (PyDict_Check(child) || PyList_Check(child)) {
            if (d > best) {
                best = d;
                if (limit >= 0 && best > limit) goto too_deep;
            }
            if (push(&st, child, d) < 0) goto fail;
        }
    }
    stack_free(&st);
    return Py_BuildValue("(nn)", colons, best);
too_deep:
    stack_free(&st);
    return Py_BuildValue("(nn)", (Py_ssize_t)-1, limit + 1);
fail:
    stack_free(&st);
    return NULL;
}

static PyObject *str_id; /* interned "id" */

static PyObject *collect_ids(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 2 || !PyDict_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "collect_ids(doc: dict, keys: tuple[str, ...], /)");
        return NULL;
    }
    PyObject *doc = args[0], *keys = args[1];
    PyObject *ids = PyDict_New(), *dups = PyList_New(0), *records = NULL, *found = NULL, *record = NULL;
    if (ids == NULL || dups == NULL) goto fail;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(keys); k++) {
        PyObject *key = PyTuple_GET_ITEM(keys, k);
        records = PyDict_GetItemWithError(doc, key);
        if (records == NULL) {
            if (PyErr_Occurred()) goto fail;
            continue;
        }
        if (!PyList_Check(records)) {
            records = NULL;
            continue;
        }
        Py_INCREF(records);
        if ((found = PySet_New(NULL)) == NULL) goto fail;
        int repeated = 0;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(records); i++) {
            PyObject *item = PyList_GET_ITEM(records, i);
            if (!PyDict_Check(item)) continue;
            Py_INCREF(item);
            record = item;
            PyObject *rid = PyDict_GetItemWithError(record, str_id);
            if (rid == NULL) {
                if (PyErr_Occurred()) goto fail;
            } else if (PyUnicode_Check(rid)) {
                Py_ssize_t before = PySet_GET_SIZE(found);
                Py_INCREF(rid);
                int rc = PySet_Add(found, rid);
                Py_DECREF(rid);
                if (rc < 0) goto fail;
                if (PySet_GET_SIZE(found) == before) repeated = 1;
            }
            Py_CLEAR(record);
        }
        if (PyDict_SetItem(ids, key, found) < 0) goto fail;
        Py_CLEAR(found);
        if (repeated && PyList_Append(dups, key) < 0) goto fail;
        Py_CLEAR(records);
    }
    PyObject *out = PyTuple_Pack(2, ids, dups);
    Py_DECREF(ids);
    Py_DECREF(dups);
    return out;
fail:
    Py_XDECREF(record);
    Py_XDECREF(found);
    Py_XDECREF(records);
    Py_XDECREF(ids);
    Py_XDECREF(dups);
    return NULL;
}

/* flag each member of `members` present in `record`; *left counts the members not yet flagged.
 * Whichever of the two is smaller is iterated and the other probed: a record usually fills a few of
 * its type's many items. */
static int mark_record(PyObject *record, PyObject *members, char *flags, Py_ssize_t nslots, Py_ssize_t *left) {
    Py_ssize_t pos = 0;
    PyObject *name, *slot;
    int by_record = PyDict_GET_SIZE(record) < PyDict_GET_SIZE(members);
    PyObject *walked = by_record ? record : members, *probed = by_record ? members : record;
    while (*left > 0 && PyDict_Next(walked, &pos, &name, &slot)) {
        Py_INCREF(name);
        if (by_record) {
            slot = PyDict_GetItemWithError(probed, name);
            if (slot == NULL) {
                Py_DECREF(name);
                if (PyErr_Occurred()) return -1;
                continue;
            }
        } else {
            int has = PyDict_Contains(probed, name);
            if (has <= 0) {
                Py_DECREF(name);
                if (has < 0) return -1;
                continue;
            }
        }
        Py_DECREF(name);
        Py_ssize_t s = PyLong_AsSsize_t(slot);
        if (s == -1 && PyErr_Occurred()) return -1;
        if (s < 0 || s >= nslots) {
            PyErr_SetString(PyExc_IndexError, "mark_items: slot out of range");
            return -1;
        }
        if (!flags[s]) {
            flags[s] = 1;
            (*left)--;
        }
    }
    return 0;
}

static PyObject *mark_items(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyDict_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "mark_items(doc: dict, index: dict[str, dict[str, int]], nslots: int, /)");
        return NULL;
    }
    PyObject *doc = args[0], *index = args[1];
    Py_ssize_t nslots = PyLong_AsSsize_t(args[2]);
    if (nslots == -1 && PyErr_Occurred()) return NULL;
    if (nslots < 0) {
        PyErr_SetString(PyExc_ValueError, "mark_items: nslots < 0");
        return NULL;
    }
    PyObject *out = PyByteArray_FromStringAndSize(NULL, nslots);
    if (out == NULL) return NULL;
    char *flags = PyByteArray_AS_STRING(out);
    if (nslots) memset(flags, 0, (size_t)nslots);
    Py_INCREF(index);
    Py_ssize_t pos = 0;
    PyObject *rkey, *members, *value = NULL, *record = NULL;
    while (PyDict_Next(index, &pos, &rkey, &members)) {
        if (!PyDict_Check(members)) {
            PyErr_SetString(PyExc_TypeError, "mark_items: index values must be dicts");
            goto fail;
        }
        Py_INCREF(rkey);
        Py_INCREF(members);
        value = PyDict_GetItemWithError(doc, rkey);
        if (value == NULL) {
            Py_DECREF(rkey);
            Py_DECREF(members);
            if (PyErr_Occurred()) goto fail;
            continue;
        }
        Py_INCREF(value);
        Py_ssize_t left = PyDict_GET_SIZE(members);
        if (PyDict_Check(value)) {
            if (mark_record(value, members, flags, nslots, &left) < 0) goto fail_members;
        } else if (PyList_Check(value)) {
            for (Py_ssize_t i = 0; left > 0 && i < PyList_GET_SIZE(value); i++) {
                PyObject *item = PyList_GET_ITEM(value, i);
                if (!PyDict_Check(item)) continue;
                Py_INCREF(item);
                record = item;
                if (mark_record(record, members, flags, nslots, &left) < 0) goto fail_members;
                Py_CLEAR(record);
            }
        }
        Py_CLEAR(value);
        Py_DECREF(rkey);
        Py_DECREF(members);
    }
    Py_DECREF(index);
    return out;
fail_members:
    Py_XDECREF(record);
    Py_XDECREF(value);
    Py_DECREF(rkey);
    Py_DECREF(members);
fail:
    Py_DECREF(index);
    Py_DECREF(out);
    return NULL;
}

/* pluck: the values at the places a plan names. A plan is a dict: member name -> slot (int: the
 * value there, a str or a list of str, is appended to out[slot]) or -> a plan (applied to the value
 * there, a dict or each dict element of a list). Recursion follows the plan, never the document
 * (a list inside a list is not entered), and is bounded by MAX_PLAN_DEPTH. */
#define MAX_PLAN_DEPTH 32

static int pluck_value(PyObject *value, PyObject *out, Py_ssize_t slot) {
    PyObject *bucket = PyList_GET_ITEM(out, slot);
    if (PyUnicode_Check(value)) return PyList_Append(bucket, value);
    if (!PyList_Check(value)) return 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(value); i++) {
        PyObject *item = PyList_GET_ITEM(value, i);
        if (PyUnicode_Check(item) && PyList_Append(bucket, item) < 0) return -1;
    }
    return 0;
}

static int pluck_dict(PyObject *obj, PyObject *plan, PyObject *out, int depth);

static int pluck_node(PyObject *node, PyObject *plan, PyObject *out, int depth) {
    if (PyDict_Check(node)) return pluck_dict(node, plan, out, depth);
    if (!PyList_Check(node)) return 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(node); i++) {
        PyObject *item = PyList_GET_ITEM(node, i);
        if (!PyDict_Check(item)) continue;
        Py_INCREF(item);
        int rc = pluck_dict(item, plan, out, depth);
        Py_DECREF(item);
        if (rc < 0) return -1;
    }
    return 0;
}

static int pluck_dict(PyObject *obj, PyObject *plan, PyObject *out, int depth) {
    if (depth > MAX_PLAN_DEPTH) {
        PyErr_SetString(PyExc_RecursionError, "pluck: plan nested too deep");
        return -1;
    }
    Py_ssize_t pos = 0;
    PyObject *name, *child;
    while (PyDict_Next(plan, &pos, &name, &child)) {
        Py_INCREF(name);
        Py_INCREF(child);
        PyObject *value = PyDict_GetItemWithError(obj, name);
        Py_DECREF(name);
        if (value == NULL) {
            Py_DECREF(child);
            if (PyErr_Occurred()) return -1;
            continue;
        }
        Py_INCREF(value);
        int rc;
        if (PyLong_Check(child)) {
            Py_ssize_t slot = PyLong_AsSsize_t(child);
            if (slot < 0 || slot >= PyList_GET_SIZE(out)) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "pluck: slot out of range");
                rc = -1;
            } else {
                rc = pluck_value(value, out, slot);
            }
        } else if (PyDict_Check(child)) {
            rc = pluck_node(value, child, out, depth + 1);
        } else {
            PyErr_SetString(PyExc_TypeError, "pluck: a plan maps names to slots (int) or plans (dict)");
            rc = -1;
        }
        Py_DECREF(value);
        Py_DECREF(child);
        if (rc < 0) return -1;
    }
    return 0;
}

static PyObject *pluck(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    if (nargs != 3 || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "pluck(doc, plan: dict, nslots: int, /)");
        return NULL;
    }
    Py_ssize_t nslots = PyLong_AsSsize_t(args[2]);
    if (nslots == -1 && PyErr_Occurred()) return NULL;
    if (nslots < 0) {
        PyErr_SetString(PyExc_ValueError, "pluck: nslots < 0");
        return NULL;
    }
    PyObject *out = PyList_New(nslots);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < nslots; i++) {
        PyObject *bucket = PyList_New(0);
        if (bucket == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, bucket);
    }
    PyObject *plan = args[1];
    Py_INCREF(plan);
    int rc = pluck_node(args[0], plan, out, 0);
    Py_DECREF(plan);
    if (rc < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"tree_stats", (PyCFunction)(void (*)(void))tree_stats, METH_FASTCALL,
     "tree_stats(obj, limit=-1, /) -> (colons, depth)"},
    {"collect_ids", (PyCFunction)(void (*)(void))collect_ids, METH_FASTCALL,
     "collect_ids(doc, keys, /) -> (ids, repeated_keys)"},
    {"mark_items", (PyCFunction)(void (*)(void))mark_items, METH_FASTCALL,
     "mark_items(doc, index, nslots, /) -> bytearray"},
    {"pluck", (PyCFunction)(void (*)(void))pluck, METH_FASTCALL, "pluck(doc, plan, nslots, /) -> list[list[str]]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "Tree walks over a parsed document (see _scan.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__native(void) {
    if (str_id == NULL && (str_id = PyUnicode_InternFromString("id")) == NULL) return NULL;
    return PyModule_Create(&module);
}
