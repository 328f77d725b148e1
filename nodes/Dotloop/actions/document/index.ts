import type { INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as downloadAll from './downloadAll.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export const operations = { download, downloadAll, get, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download a document of a loop as a PDF file',
				action: 'Download a document',
			},
			{
				name: 'Download All',
				value: 'downloadAll',
				description:
					'Download every document of a loop, or of chosen folders, as PDF files: one item per document with its file, file name, folder and document IDs',
				action: 'Download all documents of a loop',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the details of a document of a loop',
				action: 'Get a document',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many documents of a loop folder',
				action: 'Get many documents',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a PDF into a loop folder',
				action: 'Upload a document',
			},
		],
		default: 'getAll',
	},
	...download.description,
	...downloadAll.description,
	...get.description,
	...getAll.description,
	...upload.description,
];
