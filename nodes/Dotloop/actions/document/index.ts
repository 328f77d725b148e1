import * as download from './download.operation';
import * as downloadAll from './downloadAll.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';
import { dotloopResource } from '../types';

export const { operations, description } = dotloopResource(
	'document',
	{ download, downloadAll, get, getAll, upload },
	{
		download: {
			name: 'Download',
			description: 'Download a document of a loop as a PDF file',
			action: 'Download a document',
		},
		downloadAll: {
			name: 'Download All',
			description:
				'Download every document of a loop, or of chosen folders, as PDF files: one item per document with its file, file name, folder and document IDs',
			action: 'Download all documents of a loop',
		},
		get: {
			name: 'Get',
			description: 'Get the details of a document of a loop',
			action: 'Get a document',
		},
		getAll: {
			name: 'Get Many',
			description: 'Get many documents of a loop folder',
			action: 'Get many documents',
		},
		upload: {
			name: 'Upload',
			description: 'Upload a PDF into a loop folder',
			action: 'Upload a document',
		},
	},
	'getAll',
);
