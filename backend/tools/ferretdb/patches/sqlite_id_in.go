// Copied into FerretDB 1.24.2's internal/backends/sqlite package by backend/scripts/setup-ferretdb.sh
// (never built from here: this directory is not part of the tool's package).
//
// CareLine's third patch: a filter with `_id: {$in: [...]}` reads those rows through the _id index,
// as an `_id` equality does (patch 2), instead of reading and decoding every document of the
// collection. The handler still applies the whole filter to the rows that come back, as it does
// after every pushdown, so this only narrows what is read.

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// maxIDsInPushdown keeps the statement under SQLite's limit on bound parameters.
const maxIDsInPushdown = 1000

// idInWhere returns ` WHERE <_id> IN (?, ...)` and its arguments when the filter's `_id` is
// `{$in: [ids]}` with only strings or ObjectIDs; ok is false for anything else.
func idInWhere(filter *types.Document) (where string, args []any, ok bool) {
	v, err := filter.Get("_id")
	if err != nil {
		return "", nil, false
	}
	condition, isDoc := v.(*types.Document)
	if !isDoc || condition.Len() != 1 {
		return "", nil, false
	}
	in, err := condition.Get("$in")
	if err != nil {
		return "", nil, false
	}
	ids, isArray := in.(*types.Array)
	if !isArray || ids.Len() == 0 || ids.Len() > maxIDsInPushdown {
		return "", nil, false
	}
	args = make([]any, 0, ids.Len())
	for i := 0; i < ids.Len(); i++ {
		id := must.NotFail(ids.Get(i))
		switch id.(type) {
		case string, types.ObjectID:
			args = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))
		default:
			return "", nil, false
		}
	}
	return fmt.Sprintf(` WHERE %s IN (?%s)`, metadata.IDColumn, strings.Repeat(", ?", len(args)-1)), args, true
}
