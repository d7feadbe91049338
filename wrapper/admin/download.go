package admin

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Download is the content of a file that a download operation returns,
// such as [ComplianceFilesService.Download]: the response body as a
// stream, with what the response says about it. It is an
// [io.ReadCloser]: read it (io.Copy to a file, say) and close it, even
// when not reading it to the end, or the connection leaks.
//
// The body is never read into memory by the client: a download of any
// size costs the buffer of the caller's reads. For that reason
// [WithMaxResponseBytes] does not apply to reading a Download; it applies
// only to [Download.ReadAll], the one place a download is buffered whole.
// A caller that streams to a file and wants a bound of its own wraps the
// Download in an [io.LimitReader].
//
// Errors before the body (a 404 for an unknown ID, a 403 for a key
// without the scope, a 429 after the retries) are *Error values, exactly
// as for every other operation, and such responses are retried as the
// package documentation says. Once a Download is returned, nothing is
// retried: an error while reading it (the connection dropped, the body
// shorter than its Content-Length, the context canceled) is returned by
// Read.
type Download struct {
	// ContentType is the Content-Type of the response, the file's own
	// media type (such as application/pdf), or "" when absent.
	ContentType string
	// ContentLength is the length of the body in bytes, or -1 when the
	// response does not say.
	ContentLength int64
	// ContentMD5 is the Content-MD5 header (base64, RFC 1864) computed
	// over the bytes served, or "" when absent.
	ContentMD5 string
	// RequestID is the request-id header of the response.
	RequestID string

	op    string
	body  io.ReadCloser
	limit int64
}

// Read reads from the body of the response.
func (d *Download) Read(p []byte) (int, error) { return d.body.Read(p) }

// Close closes the body of the response. Closing before the end abandons
// the rest of the download.
func (d *Download) Close() error { return d.body.Close() }

// ReadAll reads the whole body into memory and closes it. Unlike reading
// the Download, it honours the client's [WithMaxResponseBytes] (64 MiB by
// default): a body larger than that is refused, before reading anything
// when ContentLength says so, with an *Error matching
// ErrUnexpectedResponse. Use it for small contents; stream large ones.
func (d *Download) ReadAll() ([]byte, error) {
	defer d.body.Close()
	tooLarge := func() error {
		return &Error{
			Operation:  d.op,
			StatusCode: http.StatusOK,
			Message:    fmt.Sprintf("download of %s exceeds the limit of %d bytes (WithMaxResponseBytes); stream it instead", sizeText(d.ContentLength), d.limit),
			RequestID:  d.RequestID,
		}
	}
	if d.ContentLength > d.limit {
		return nil, tooLarge()
	}
	data, err := io.ReadAll(io.LimitReader(d.body, d.limit+1))
	if err != nil {
		return nil, opError(d.op, fmt.Errorf("read download: %w", err))
	}
	if int64(len(data)) > d.limit {
		return nil, tooLarge()
	}
	return data, nil
}

// sizeText describes a content length for errors.
func sizeText(n int64) string {
	if n < 0 {
		return "unknown size"
	}
	return fmt.Sprintf("%d bytes", n)
}

// anyAccept is the Accept header of downloads: the file's own type.
var anyAccept = []string{"*/*"}

// download performs o, an operation whose 200 response is a file's bytes,
// through send, with the checks and retries of every operation, and
// returns the 2xx response's body unread as a Download.
func download(ctx context.Context, c *config, o op, send sendFunc) (*Download, error) {
	resp, err := perform(ctx, c, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return send(ctx, func(ctx context.Context, req *http.Request) error {
			if err := edit(ctx, req); err != nil {
				return err
			}
			req.Header["Accept"] = anyAccept
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return &Download{
		ContentType:   resp.Header.Get("Content-Type"),
		ContentLength: resp.ContentLength,
		ContentMD5:    resp.Header.Get("Content-MD5"),
		RequestID:     resp.Header.Get("request-id"),
		op:            o.String(),
		body:          resp.Body,
		limit:         c.maxResponseBytes,
	}, nil
}
