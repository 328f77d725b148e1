/** The Document picker (the chosen folder's documents, or By ID). */
export { documentLocator as documentIdField } from '../../descriptions/locators';
