// Lets mail/MessageContent import its stylesheet (Vite bundles it with the app's CSS).
declare module '*.css';
