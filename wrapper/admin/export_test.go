package admin

// SetExportHook lets the tests of package admin_test stop an export at a
// point of a page's commit ("written", "synced", "saved"), as a crash
// would: an error from hook ends the run there without flushing.
func SetExportHook(e *ActivityExporter, hook func(point string) error) { e.hook = hook }

// SetExportScanPageSize sets the page size of the walk to the oldest page.
func SetExportScanPageSize(e *ActivityExporter, n int) { e.scanPageSize = n }
