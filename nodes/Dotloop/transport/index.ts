export {
	annotateMerge,
	dotloopApiRequest,
	dotloopRequest,
	mergeFields,
	type DotloopRequest,
	type DotloopResponse,
} from './request';
export type { LoopMerge } from './redirect';
export {
	batchListGoesOn,
	batchPages,
	batchSizeFor,
	cursorPages,
	getAllBatched,
	getAllByCursor,
	getList,
	MAX_BATCH_SIZE,
	type ListBody,
	type ListPage,
} from './paging';
export { isNotFound } from './errors';
export { retryPolicy } from './retryPolicy';
export { checkTokenBeforeLargeBody, MultipartFileBody, type FileSource } from './multipart';
export type { DotloopContext } from './context';
