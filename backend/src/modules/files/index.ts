// The files module's public entry: storage, the upload pipeline, and the download route.
export { createGridFsStorage, type FileStorage, type StoredFile, type FilePurpose } from './file-storage.js';
export { acceptOneFile, closeAfterUpload, guardUpload, displayName, type UploadRules } from './upload.js';
export { fileRoutes, type FileRouteDeps } from './file.routes.js';
